public import FalcoRules

/// A rule that matched an event.
public struct RuleMatch: Sendable, Hashable {
    /// The rule, as loaded.
    public var rule: FalcoRule
    /// The event's sequence number (`evt.num`).
    public var eventNumber: UInt64

    /// Creates a match.
    public init(rule: FalcoRule, eventNumber: UInt64) {
        self.rule = rule
        self.eventNumber = eventNumber
    }

    /// The rule's name.
    public var ruleName: String { rule.name }
    /// The rule's priority.
    public var priority: RulePriority { rule.priority }
}
