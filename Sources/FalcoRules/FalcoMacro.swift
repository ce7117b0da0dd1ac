/// A named condition fragment (`- macro: NAME` with `condition`), kept as text.
public struct FalcoMacro: Sendable, Hashable {
    /// The macro's name.
    public var name: String
    /// The condition text, after every append (appends are joined with a space, as Falco does).
    public var condition: String
    /// Where the macro was (last) defined.
    public var origin: RuleOrigin

    /// Creates a macro.
    public init(name: String, condition: String, origin: RuleOrigin) {
        self.name = name
        self.condition = condition
        self.origin = origin
    }
}
