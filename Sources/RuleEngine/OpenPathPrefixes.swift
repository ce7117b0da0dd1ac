import FalcoCondition
public import FalcoRules

/// The path prefixes outside which no open (`open`, `openat`, `openat2`, `creat`) can match a loaded rule: the
/// kernel sensor's per-path pre-filter.
///
/// For an open event whose path is absolute and *plain* — no `//` and no `/.` anywhere, so no empty, `.` or `..`
/// component (then `fd.name`, `fd.nameraw`, `evt.arg.name` and `fs.path.name` all equal it) and no hidden
/// (dot) component — a path that starts with none of ``prefixes`` matches no rule of the engine. Relative paths
/// and paths that are not plain must always be evaluated.
///
/// Derived per rule from its expanded condition (exceptions included), for the open types the rule allows:
/// - `and`: the smallest prefix set of the operands that have one; `or`: the union when every operand has one;
/// - `fd.name`, `fd.nameraw`, `evt.arg.name`, `evt.arg.filename`, `fs.path.name` with `=`, `in`, `startswith`,
///   `pmatch`, `glob` (the literal text before the first wildcard): those values;
/// - `fd.directory` with `=`/`in`: the value;
/// - `contains`/`endswith` on those fields or `fd.directory`, when every value holds `/.` (`fd.directory endswith
///   /.ssh`, `fd.name contains /.aws/`): the empty set, as only paths that are not plain can match;
/// - `evt.type` comparisons are answered for each open type (an operand false for it constrains everything away);
/// - anything else (`not`, `!=`, `contains`, `endswith`, transformers, `fd.filename`, other fields): no constraint.
///
/// A rule that can see open events but has no path constraint makes ``prefixes`` nil; a rule that cannot see
/// them contributes nothing.
public struct OpenPathPrefixes: Sendable, Hashable {
    /// The minimal prefix set (no prefix starts with another; none holds `//` or `/.`, as a path starting with it
    /// is not plain), or nil when every open may match a rule. Empty when only opens of paths that are not plain
    /// can match a rule.
    public let prefixes: Set<String>?
    /// The rules (names, file order) that can see an open event but bound its path by no prefix: each alone makes
    /// ``prefixes`` nil.
    public let unboundedRules: [String]

    /// The event type names of the open family.
    public static let openEventTypes: Set<String> = ["open", "openat", "openat2", "creat"]

    /// Derives the prefixes of `engine`'s rules; `ruleSet` is the set the engine was built from (its lists and
    /// macros expand the conditions again, as the engine did).
    public init(engine: RuleEngine, ruleSet: RuleSet) {
        var lists: [String: [String]] = [:]
        for list in ruleSet.lists { lists[list.name] = list.items }
        var macros: [String: ConditionNode] = [:]
        for macro in ruleSet.macros {
            if let parsed = try? ConditionParser.parse(macro.condition) { macros[macro.name] = parsed }
        }
        let expander = ConditionExpander(lists: lists, macros: macros)
        var conditions: [(name: String, node: ConditionNode?, eventTypes: Set<String>?)] = []
        for compiled in engine.rules {
            let node = try? expander.expand(
                RuleEngine.addExceptions(
                    compiled.rule.exceptions,
                    to: ConditionParser.parse(compiled.rule.condition),
                    lists: lists
                )
            )
            conditions.append((compiled.rule.name, node, compiled.eventTypes))
        }
        self.init(conditions: conditions)
    }

    /// Derives the prefixes of expanded conditions, each with the event types it allows (nil: any); a nil
    /// condition (one that could not be expanded) may match any open.
    init(conditions: [(name: String, node: ConditionNode?, eventTypes: Set<String>?)]) {
        var all: Set<String> = []
        var unbounded: [String] = []
        for (name, node, eventTypes) in conditions {
            let types = eventTypes.map { $0.intersection(Self.openEventTypes) } ?? Self.openEventTypes
            for type in types.sorted() {
                let constraint = node.map { Self.constraint($0, openType: type) } ?? .unconstrained
                switch constraint {
                case .impossible: continue
                case .unconstrained: unbounded.append(name)
                case .prefixes(let set): all.formUnion(set)
                }
                if case .unconstrained = constraint { break }
            }
        }
        unboundedRules = unbounded
        prefixes = unbounded.isEmpty ? Self.minimal(all) : nil
    }

    /// What a (sub)condition requires of an open's path.
    enum Constraint: Equatable {
        /// The condition cannot hold for this open type.
        case impossible
        /// The path starts with one of these.
        case prefixes(Set<String>)
        /// No usable constraint.
        case unconstrained
    }

    static func constraint(_ node: ConditionNode, openType: String) -> Constraint {
        if let truth = typeTruth(node, openType: openType) { return truth ? .unconstrained : .impossible }
        switch node {
        case .and(let operands):
            var best: Set<String>?
            for operand in operands {
                switch constraint(operand, openType: openType) {
                case .impossible: return .impossible
                case .unconstrained: continue
                case .prefixes(let set): if best == nil || set.count < (best?.count ?? 0) { best = set }
                }
            }
            return best.map { .prefixes($0) } ?? .unconstrained
        case .or(let operands):
            var union: Set<String> = []
            var possible = false
            for operand in operands {
                switch constraint(operand, openType: openType) {
                case .impossible: continue
                case .unconstrained: return .unconstrained
                case .prefixes(let set):
                    possible = true
                    union.formUnion(set)
                }
            }
            return possible ? .prefixes(union) : .impossible
        case .comparison(let comparison):
            return pathConstraint(comparison).map { .prefixes($0) } ?? .unconstrained
        case .not, .exists, .macroReference:
            return .unconstrained
        }
    }

    /// True or false when `node` is decided by the event type alone (`evt.type` comparisons with literal values,
    /// through `and`, `or`, `not`), else nil.
    static func typeTruth(_ node: ConditionNode, openType: String) -> Bool? {
        switch node {
        case .and(let operands):
            var all = true
            for operand in operands {
                guard let truth = typeTruth(operand, openType: openType) else { return nil }
                all = all && truth
            }
            return all
        case .or(let operands):
            var any = false
            for operand in operands {
                guard let truth = typeTruth(operand, openType: openType) else { return nil }
                any = any || truth
            }
            return any
        case .not(let operand):
            return typeTruth(operand, openType: openType).map { !$0 }
        case .comparison(let comparison):
            let field = comparison.field
            guard field.name == "evt.type", field.argument == nil, field.transformers.isEmpty,
                comparison.modifier == nil
            else { return nil }
            switch (comparison.comparisonOperator, comparison.value) {
            case (.equal, .string(let name)), (.equal, .bareWord(let name)): return name == openType
            case (.notEqual, .string(let name)), (.notEqual, .bareWord(let name)): return name != openType
            case (.in, .list(let items)):
                guard items.allSatisfy({ $0.text != nil }) else { return nil }
                return items.contains { $0.text == openType }
            default: return nil
            }
        case .exists, .macroReference:
            return nil
        }
    }

    /// Fields whose value, for an open with a clean absolute path, is that path.
    static let pathFields: Set<String> = ["fd.name", "fd.nameraw", "evt.arg.name", "evt.arg.filename", "fs.path.name"]

    /// The prefixes one of which the path starts with when `comparison` holds, or nil.
    static func pathConstraint(_ comparison: Comparison) -> Set<String>? {
        let field = comparison.field
        guard field.transformers.isEmpty else { return nil }
        let name: String
        if field.name == "evt.arg", let argument = field.argument, argument == "name" || argument == "filename" {
            name = "evt.arg." + argument
        } else {
            guard field.argument == nil else { return nil }
            name = field.name
        }
        let values: [String]
        switch comparison.value {
        case .string(let text), .bareWord(let text): values = [text]
        case .list(let items):
            var texts: [String] = []
            for item in items {
                // A list name left unexpanded, a field or a nested list: not literal values.
                guard case .string(let text) = item else {
                    guard case .bareWord(let text) = item else { return nil }
                    texts.append(text)
                    continue
                }
                texts.append(text)
            }
            values = texts
        case .number, .listName, .field: return nil
        }
        // Non-ASCII values may compare by canonical equivalence, not byte by byte as the kernel does.
        guard !values.isEmpty, values.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { return nil }
        let op = comparison.comparisonOperator
        guard name == "fd.directory" || pathFields.contains(name) else { return nil }
        // The value is inside the path (the directory is a prefix of it): a path holding no `/.` cannot match.
        if op == .contains || op == .endswith {
            return values.allSatisfy { holdsSlashDot($0) } ? [] : nil
        }
        if name == "fd.directory" {
            guard comparison.modifier == nil, op == .equal || op == .in else { return nil }
            return Set(values)
        }
        switch op {
        case .equal, .in, .startswith:
            return Set(values)
        case .glob:
            return Set(values.map(literalPrefix))
        case .pmatch:
            guard comparison.modifier == nil else { return nil }
            return Set(
                values.map { value in
                    var prefix = Substring(value)
                    while prefix.utf8.count > 1, prefix.hasSuffix("/") { prefix = prefix.dropLast() }
                    return literalPrefix(String(prefix))
                }
            )
        default:
            return nil
        }
    }

    /// The text of `pattern` before its first glob metacharacter (`*`, `?`, `[`, `\`).
    static func literalPrefix(_ pattern: String) -> String {
        var prefix = ""
        for scalar in pattern.unicodeScalars {
            if scalar == "*" || scalar == "?" || scalar == "[" || scalar == "\\" { break }
            prefix.unicodeScalars.append(scalar)
        }
        return prefix
    }

    /// `prefixes` without those another (shorter) one covers, compared byte by byte, and without those holding
    /// `//` or `/.` (the paths they start are not plain); nil when one is empty (it covers every path).
    static func minimal(_ prefixes: Set<String>) -> Set<String>? {
        let sorted = prefixes.filter { !holdsSlashDot($0) && !holdsDoubleSlash($0) }.map { Array($0.utf8) }.sorted {
            $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1)
        }
        var kept: [[UInt8]] = []
        for candidate in sorted where !kept.contains(where: { candidate.starts(with: $0) }) {
            if candidate.isEmpty { return nil }
            kept.append(candidate)
        }
        return Set(kept.map { String(decoding: $0, as: UTF8.self) })
    }

    /// True when `text` holds the bytes `/.`.
    static func holdsSlashDot(_ text: String) -> Bool { holds(text, UInt8(ascii: ".")) }

    /// True when `text` holds the bytes `//`.
    static func holdsDoubleSlash(_ text: String) -> Bool { holds(text, UInt8(ascii: "/")) }

    private static func holds(_ text: String, _ afterSlash: UInt8) -> Bool {
        var previousIsSlash = false
        for byte in text.utf8 {
            if previousIsSlash && byte == afterSlash { return true }
            previousIsSlash = byte == UInt8(ascii: "/")
        }
        return false
    }
}
