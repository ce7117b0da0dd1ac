/// A modifier after a string operator that applies it element-wise to a list
/// (`proc.name startswith anyof (a, b)`).
public enum ListModifier: String, Hashable, Sendable, CaseIterable {
    /// True when the operator holds for exactly one element.
    case oneof
    /// True when the operator holds for at least one element.
    case anyof
    /// True when the operator holds for every element.
    case allof
}
