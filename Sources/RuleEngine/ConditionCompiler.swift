public import FalcoCondition
import RuntimeEvents

/// Compiles an expanded ``FalcoCondition/ConditionNode`` into a ``CompiledCondition``.
///
/// Every field is bound once through `EventFields.resolve`; every value is converted once to the field's type
/// (numbers, booleans, IP addresses and CIDR networks, hex bytes, glob patterns, regular expressions, sets for
/// `in`). At evaluation time a field without a value makes every comparison on it false, and `exists` false.
/// A list-valued field matches a comparison when any element does, except `in` on a list-typed field
/// (`proc.aname`), which needs every element in the set.
public struct ConditionCompiler: Sendable {
    typealias Extractor = Check.Extractor

    /// False to compile every comparison to the generic `FieldValue` form (the reference the byte-level fast
    /// paths are tested against).
    var usesFastPaths = true

    /// Creates a compiler.
    public init() {}

    /// The field references of `node` that the event model does not serve, sorted.
    public func unknownFields(in node: ConditionNode) -> [String] {
        var references: Set<FieldReference> = []
        Self.collectReferences(node, into: &references)
        var unknown: Set<String> = []
        for reference in references where EventFields.resolve(Self.referenceText(reference)) == nil {
            unknown.insert(Self.referenceText(reference))
        }
        return unknown.sorted()
    }

    /// Compiles `node`, which must already be expanded (no macro references or list names left).
    public func compile(_ node: ConditionNode) throws(ConditionCompileError) -> CompiledCondition {
        let unknown = unknownFields(in: node)
        if !unknown.isEmpty {
            throw ConditionCompileError(
                code: .unknownField,
                message: "unknown field\(unknown.count == 1 ? "" : "s"): \(unknown.joined(separator: ", "))",
                unknownFields: unknown
            )
        }
        var program = ConditionProgram()
        program.entry = try compileNode(
            node,
            onTrue: ConditionProgram.accept,
            onFalse: ConditionProgram.reject,
            into: &program
        )
        program.seal()
        return CompiledCondition(program: program)
    }

    // MARK: - Tree

    /// Emits `node` so that it jumps to `onTrue` or `onFalse`; returns its first instruction (or a target).
    private func compileNode(
        _ node: ConditionNode,
        onTrue: Int32,
        onFalse: Int32,
        into program: inout ConditionProgram
    ) throws(ConditionCompileError) -> Int32 {
        switch node {
        case .and(let operands):
            var next = onTrue
            for operand in operands.reversed() {
                next = try compileNode(operand, onTrue: next, onFalse: onFalse, into: &program)
            }
            return next
        case .or(let operands):
            var next = onFalse
            for operand in operands.reversed() {
                next = try compileNode(operand, onTrue: onTrue, onFalse: next, into: &program)
            }
            return next
        case .not(let operand):
            return try compileNode(operand, onTrue: onFalse, onFalse: onTrue, into: &program)
        case .exists(let reference):
            let check: Check
            if usesFastPaths, reference.transformers.isEmpty,
                let field = TextField(name: reference.name, argument: reference.argument)
            {
                _ = try operand(reference)
                check = .textExists(field)
            } else {
                check = .exists(try operand(reference).extract)
            }
            return emit(check, key: node, onTrue: onTrue, onFalse: onFalse, into: &program)
        case .macroReference(let name):
            throw ConditionCompileError(
                code: .unsupportedOperator,
                message: "macro '\(name)' is not expanded; expand the condition before compiling"
            )
        case .comparison(let comparison):
            return emit(
                try compileComparison(comparison),
                key: node,
                onTrue: onTrue,
                onFalse: onFalse,
                into: &program
            )
        }
    }

    private func emit(
        _ check: Check,
        key: ConditionNode,
        onTrue: Int32,
        onFalse: Int32,
        into program: inout ConditionProgram
    ) -> Int32 {
        program.checks.append(check)
        program.keys.append(key)
        program.instructions.append(
            .init(check: Int32(program.checks.count - 1), onTrue: onTrue, onFalse: onFalse)
        )
        return Int32(program.instructions.count - 1)
    }

    private func compileComparison(_ comparison: Comparison) throws(ConditionCompileError) -> Check {
        let left = try operand(comparison.field)
        let op = comparison.comparisonOperator
        let modifier = comparison.modifier
        if case .field(let reference) = comparison.value {
            let right = try operand(reference)
            let type = left.type
            return .predicate { event, table in
                guard let value = left.extract(event, table), let other = right.extract(event, table) else {
                    return false
                }
                let literals = Self.texts(of: other)
                guard
                    let test = try? ValueTest.make(
                        op,
                        modifier: modifier,
                        fieldType: type,
                        literals: literals,
                        field: reference.description
                    )
                else { return false }
                return test.matches(value)
            }
        }
        let literals: [String]
        switch comparison.value {
        case .string(let text), .bareWord(let text), .number(let text): literals = [text]
        case .list(let items):
            literals = try Self.flatTexts(items, field: comparison.field)
        case .listName(let name):
            throw ConditionCompileError(
                code: .invalidValue,
                message: "list '\(name)' compared with \(comparison.field) is not expanded"
            )
        case .field:
            literals = []
        }
        let test = try ValueTest.make(
            op,
            modifier: modifier,
            fieldType: left.type,
            literals: literals,
            field: comparison.field.description,
            isListValue: { if case .list = comparison.value { return true } else { return false } }()
        )
        let reference = comparison.field
        guard usesFastPaths else { return .value(left.extract, test) }
        if op == .bcontains || op == .bstartswith, modifier == nil, reference.transformers.isEmpty,
            let matcher = TextMatcher(op, literals: literals)
        {
            // Raw bytes, not the UTF-8 text form of the buffer.
            if reference.name == "evt.buffer", reference.argument == nil { return .buffer(argument: nil, matcher) }
            if reference.name == "evt.arg.data" && reference.argument == nil
                || reference.name == "evt.arg" && reference.argument == "data"
            {
                return .buffer(argument: "data", matcher)
            }
        }
        if reference.transformers.isEmpty, reference.argument == nil,
            reference.name == "fd.ip" || reference.name == "fd.net"
        {
            return .addresses(test)
        }
        if reference.transformers.isEmpty, reference.argument == nil, left.type == .number,
            let field = NumberField(name: reference.name)
        {
            return .number(field, test)
        }
        if modifier == nil, reference.transformers.isEmpty, reference.argument == nil, left.type == .boolean,
            let mode = Check.OpenMode(name: reference.name)
        {
            return .openMode(mode, test)
        }
        if modifier == nil, reference.transformers.isEmpty, left.type == .string,
            let matcher = TextMatcher(op, literals: literals)
        {
            if let field = TextField(name: reference.name, argument: reference.argument) {
                return .text(field, matcher, generic: left.extract, test: test)
            }
            if reference.argument == nil, let which = Check.AncestorText(name: reference.name) {
                return .ancestors(which, matcher, generic: left.extract, test: test)
            }
        }
        return .value(left.extract, test)
    }

    // MARK: - Operands

    struct Operand {
        var extract: Extractor
        var type: FieldType
    }

    private func operand(_ reference: FieldReference) throws(ConditionCompileError) -> Operand {
        let text = Self.referenceText(reference)
        guard let bound = EventFields.resolve(text) else {
            throw ConditionCompileError(code: .unknownField, message: "unknown field: \(text)", unknownFields: [text])
        }
        var type = bound.definition.type
        var extract: Extractor = { event, table in bound.extract(event, table) }
        for transformer in reference.transformers {
            let inner = extract
            extract = { event, table in inner(event, table).flatMap { Self.apply(transformer, to: $0) } }
            switch transformer {
            case .len: type = .number
            case .tolower, .toupper, .basename, .b64: type = type == .list ? .list : .string
            }
        }
        return Operand(extract: extract, type: type)
    }

    static func apply(_ transformer: FieldTransformer, to value: FieldValue) -> FieldValue? {
        if case .list(let items) = value {
            if transformer == .len { return .number(Int64(items.count)) }
            return .list(items.compactMap { apply(transformer, to: $0) })
        }
        let text = value.text
        switch transformer {
        case .tolower: return .string(text.lowercased())
        case .toupper: return .string(text.uppercased())
        case .len: return .number(Int64(text.utf8.count))
        case .basename:
            if let slash = text.lastIndex(of: "/") { return .string(String(text[text.index(after: slash)...])) }
            return .string(text)
        case .b64:
            return Base64.decode(text).map { .string(String(decoding: $0, as: UTF8.self)) }
        }
    }

    // MARK: - Helpers

    static func referenceText(_ reference: FieldReference) -> String {
        reference.argument.map { "\(reference.name)[\($0)]" } ?? reference.name
    }

    private static func collectReferences(_ node: ConditionNode, into references: inout Set<FieldReference>) {
        switch node {
        case .and(let operands), .or(let operands):
            for operand in operands { collectReferences(operand, into: &references) }
        case .not(let operand): collectReferences(operand, into: &references)
        case .exists(let reference): references.insert(reference)
        case .comparison(let comparison):
            references.insert(comparison.field)
            if case .field(let other) = comparison.value { references.insert(other) }
        case .macroReference: break
        }
    }

    private static func flatTexts(
        _ items: [ConditionValue],
        field: FieldReference
    ) throws(ConditionCompileError) -> [String] {
        var out: [String] = []
        for item in items {
            switch item {
            case .string(let text), .bareWord(let text), .number(let text): out.append(text)
            case .list(let nested): out += try flatTexts(nested, field: field)
            case .listName(let name):
                throw ConditionCompileError(
                    code: .invalidValue,
                    message: "list '\(name)' compared with \(field) is not expanded"
                )
            case .field(let other):
                throw ConditionCompileError(
                    code: .invalidValue,
                    message: "val(\(other)) inside a list compared with \(field) is not supported"
                )
            }
        }
        return out
    }

    static func texts(of value: FieldValue) -> [String] {
        if case .list(let items) = value { return items.flatMap { texts(of: $0) } }
        return [value.text]
    }
}
