import RuntimeEvents

/// One leaf of a compiled condition: a comparison or an `exists`, in the cheapest form that keeps its meaning.
///
/// A class with plain stored properties rather than an enum with payloads, so that running it borrows its
/// parts instead of copying (retaining) them.
final class Check: Sendable {
    typealias Extractor = @Sendable (RuntimeEvent, ProcessTable) -> FieldValue?
    typealias Predicate = @Sendable (RuntimeEvent, ProcessTable) -> Bool

    enum Kind: Sendable {
        /// A string field compared as bytes; the generic extractor and test decide when the bytes cannot.
        case text
        /// A comparison on the list of ancestors (`proc.aname` without index): any ancestor matching.
        case ancestors
        /// `exists` on a string field.
        case textExists
        /// Any other comparison: extract a `FieldValue`, test it.
        case value
        /// `exists` on any other field.
        case exists
        /// A comparison between two fields (`val()`).
        case predicate
        /// `bcontains`/`bstartswith` on the raw bytes of `evt.buffer` or `evt.arg.<name>`.
        case buffer
        /// A substring test on an argument (`evt.arg.flags contains O_CREAT`) whose needles hold no `|`: on a flag
        /// set it is answered name by name, without joining the names (a needle without `|` lies in the joined text
        /// exactly when it lies in one name); on any other argument it is the `.text` check.
        case argumentPieces
        /// A comparison on a number field read without the generic extractor.
        case number
        /// A comparison on both ends' addresses of a socket (`fd.ip`, `fd.net`), without building the list.
        case addresses
        /// A comparison on `evt.is_open_read` or `evt.is_open_write`, from the open flags read once per event.
        case openMode
    }

    /// The open-mode booleans served by ``Kind/openMode``.
    enum OpenMode: Sendable {
        case read, write

        init?(name: String) {
            switch name {
            case "evt.is_open_read": self = .read
            case "evt.is_open_write": self = .write
            default: return nil
            }
        }
    }

    let kind: Kind
    /// ``matcher`` without reference counting (kept alive by it), so that closures capturing it retain nothing.
    let unretainedMatcher: Unmanaged<TextMatcher>?
    let field: TextField
    let numberField: NumberField
    let ancestor: AncestorText
    let openMode: OpenMode
    let matcher: TextMatcher?
    let extract: Extractor?
    let test: ValueTest?
    let predicate: Predicate?
    /// For `buffer`: the argument name, or nil for `evt.buffer`; for `argumentPieces`: the argument name.
    let argumentName: String?

    private init(
        _ kind: Kind,
        field: TextField = .eventType,
        numberField: NumberField = .processID,
        ancestor: AncestorText = .name,
        openMode: OpenMode = .read,
        matcher: TextMatcher? = nil,
        extract: Extractor? = nil,
        test: ValueTest? = nil,
        predicate: Predicate? = nil,
        argumentName: String? = nil
    ) {
        self.kind = kind
        self.field = field
        self.numberField = numberField
        self.ancestor = ancestor
        self.openMode = openMode
        self.matcher = matcher
        self.unretainedMatcher = matcher.map { Unmanaged.passUnretained($0) }
        self.extract = extract
        self.test = test
        self.predicate = predicate
        self.argumentName = argumentName
    }

    static func buffer(argument: String?, _ matcher: TextMatcher) -> Check {
        Check(.buffer, matcher: matcher, argumentName: argument)
    }

    static func text(_ field: TextField, _ matcher: TextMatcher, generic: @escaping Extractor, test: ValueTest) -> Check
    {
        if case .argument(let name) = field, matcher.isPiecewise(separator: UInt8(ascii: "|")) {
            return Check(
                .argumentPieces,
                field: field,
                matcher: matcher,
                extract: generic,
                test: test,
                argumentName: name
            )
        }
        return Check(.text, field: field, matcher: matcher, extract: generic, test: test)
    }

    static func ancestors(
        _ which: AncestorText,
        _ matcher: TextMatcher,
        generic: @escaping Extractor,
        test: ValueTest
    ) -> Check {
        Check(.ancestors, ancestor: which, matcher: matcher, extract: generic, test: test)
    }

    static func number(_ field: NumberField, _ test: ValueTest) -> Check {
        Check(.number, numberField: field, test: test)
    }

    static func addresses(_ test: ValueTest) -> Check { Check(.addresses, test: test) }

    static func openMode(_ mode: OpenMode, _ test: ValueTest) -> Check { Check(.openMode, openMode: mode, test: test) }

    static func textExists(_ field: TextField) -> Check { Check(.textExists, field: field) }

    static func value(_ extract: @escaping Extractor, _ test: ValueTest) -> Check {
        Check(.value, extract: extract, test: test)
    }

    static func exists(_ extract: @escaping Extractor) -> Check { Check(.exists, extract: extract) }

    static func predicate(_ predicate: @escaping Predicate) -> Check { Check(.predicate, predicate: predicate) }

    /// The per-ancestor text of the list fields.
    enum AncestorText: Sendable {
        case name, exe, exePath

        init?(name: String) {
            switch name {
            case "proc.aname": self = .name
            case "proc.aexe": self = .exe
            case "proc.aexepath": self = .exePath
            default: return nil
            }
        }

        func text(of thread: ThreadInfo) -> String {
            switch self {
            case .name: return thread.comm
            case .exe: return thread.exe
            case .exePath: return thread.exePath
            }
        }
    }

    /// True when the check holds for `event`.
    func holds(_ event: RuntimeEvent, _ table: ProcessTable, _ scope: inout EvaluationScope) -> Bool {
        switch kind {
        case .text:
            guard let matcher = unretainedMatcher else { return false }
            return textHolds(event, table, &scope, matcher)
        case .ancestors:
            guard let matcher else { return false }
            var any = false
            var undecided = false
            let which = ancestor
            let known = EventFields.forEachAncestor(of: event, in: table) { thread in
                switch EvaluationScope.withBytes(which.text(of: thread), { matcher.matchPositive($0) }) {
                case .some(true):
                    any = true
                    return false
                case .some(false): return true
                case .none:
                    undecided = true
                    return false
                }
            }
            if undecided { return generic(event, table) }
            guard known else { return false }
            return matcher.negated ? !any : any
        case .argumentPieces:
            guard let matcher = unretainedMatcher, let argumentName else { return false }
            guard case .flags(let flags) = event.argument(argumentName) else {
                return textHolds(event, table, &scope, matcher)
            }
            var positive = false
            for index in flags.names.indices {
                let piece = EvaluationScope.withBytes(flags.names[index]) { bytes in
                    matcher._withUnsafeGuaranteedRef { $0.matchPositive(bytes) }
                }
                guard let piece else { return generic(event, table) }
                if piece {
                    positive = true
                    break
                }
            }
            return matcher._withUnsafeGuaranteedRef { $0.negated } ? !positive : positive
        case .textExists:
            return field.withBytes(event, table, &scope) { _ in true } ?? false
        case .value:
            return generic(event, table)
        case .addresses:
            guard let test else { return false }
            // EventFields.tuple + both(clientIP, serverIP).
            let decided: Bool? = NumberField.withDescriptor(event, table, &scope) { fd in
                guard let tuple = fd.tuple, tuple.family != .unix || fd.kind == .unix else { return false }
                return test.matchesList(tuple.clientIP.map { .ip($0) }, tuple.serverIP.map { .ip($0) })
            }
            return decided ?? false
        case .number:
            guard let number = numberField.value(event, table, &scope) else { return false }
            return test?.matches(.number(number)) ?? false
        case .openMode:
            // EventFields: is_open_read = !O_WRONLY || O_RDWR; is_open_write = O_WRONLY || O_RDWR.
            guard let test, let flags = scope.openFlags(event) else { return false }
            let value = openMode == .write ? flags.writeOnly || flags.readWrite : !flags.writeOnly || flags.readWrite
            return test.matches(.boolean(value))
        case .exists:
            return extract?(event, table) != nil
        case .predicate:
            return predicate?(event, table) ?? false
        case .buffer:
            guard let matcher = unretainedMatcher else { return false }
            let decided: Bool??
            if let argumentName {
                decided = EventFields.withArgumentBytes(of: event, named: argumentName) { bytes in
                    matcher._withUnsafeGuaranteedRef { $0.match(bytes) }
                }
            } else {
                decided = EventFields.withBuffer(of: event) { bytes in
                    matcher._withUnsafeGuaranteedRef { $0.match(bytes) }
                }
            }
            return (decided ?? false) ?? false
        }
    }

    /// The `.text` check: the field's bytes through the matcher, or the generic extractor and test when the
    /// bytes cannot decide.
    @inline(__always)
    private func textHolds(
        _ event: RuntimeEvent,
        _ table: ProcessTable,
        _ scope: inout EvaluationScope,
        _ matcher: Unmanaged<TextMatcher>
    ) -> Bool {
        let decided = field.withBytes(event, table, &scope) { bytes in
            matcher._withUnsafeGuaranteedRef { $0.match(bytes) }
        }
        switch decided {
        case .none: return false
        case .some(.some(let result)): return result
        case .some(.none): return generic(event, table)
        }
    }

    private func generic(_ event: RuntimeEvent, _ table: ProcessTable) -> Bool {
        guard let extract, let test, let value = extract(event, table) else { return false }
        return test.matches(value)
    }
}
