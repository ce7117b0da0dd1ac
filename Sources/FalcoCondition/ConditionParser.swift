/// Parses Falco condition text into a ``ConditionNode``.
///
/// Grammar (see the spec, section 5): `or` binds loosest, then `and`, then `not`; a check is a
/// field (optionally transformed) with an operator and value, a macro name, or a parenthesised
/// expression. Nesting of parentheses, `not` and transformers is capped at ``maximumDepth`` (a
/// ``ConditionError/Code/tooDeep`` error with the line and column). Parentheses and `not` are parsed with an
/// explicit stack, not by recursion; only transformers recurse, at most ``maximumDepth`` levels, so a
/// condition at the default limit parses on a thread with a small (512 KiB) stack. The tree it returns nests
/// at most ``maximumDepth`` + 1 levels of `and`/`or`/`not` (one `and`/`or` outside all parentheses).
public struct ConditionParser: Sendable {
    /// The default nesting cap (Falco's parser uses 100).
    public static let defaultMaximumDepth = 100

    /// The nesting cap for parentheses, `not` and transformers.
    public var maximumDepth: Int

    /// Creates a parser.
    public init(maximumDepth: Int = ConditionParser.defaultMaximumDepth) {
        self.maximumDepth = maximumDepth
    }

    /// Parses a whole condition.
    public func parse(_ text: String) throws(ConditionError) -> ConditionNode {
        var scanner = ConditionScanner(text: text, maximumDepth: maximumDepth)
        return try scanner.parseCondition()
    }

    /// Parses a whole condition with the default nesting cap.
    public static func parse(_ text: String) throws(ConditionError) -> ConditionNode {
        try ConditionParser().parse(text)
    }

    /// Interprets one item of a YAML `list:` as a list element of a condition.
    ///
    /// A fully quoted item (`"sh -c whoami"`) yields its unquoted text; an item that is a valid bare
    /// word yields ``ConditionValue/bareWord(_:)`` or ``ConditionValue/number(_:)``; anything else is
    /// taken literally as a ``ConditionValue/string(_:)`` (as Falco quotes such items when splicing).
    public static func listItemValue(_ item: String) -> ConditionValue {
        var scanner = ConditionScanner(text: item, maximumDepth: defaultMaximumDepth)
        if let value = scanner.wholeListItem() { return value }
        return .string(item)
    }
}
