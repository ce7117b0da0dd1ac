/// Which matches ``RuleEngine/evaluate(_:table:)`` reports for one event.
public enum RuleMatchingMode: String, Sendable, Hashable {
    /// Every rule that matches, in file order.
    case all
    /// Only the first matching rule in file order.
    case first
}
