public import FalcoRules

/// A loaded rule with its condition (exceptions included) compiled, and the event types it can match.
public struct CompiledRule: Sendable {
    /// The rule as loaded.
    public let rule: FalcoRule
    /// The rule's condition `and not (exceptions…)`, compiled.
    public let condition: CompiledCondition
    /// The event types the condition allows, or nil for any event type.
    public let eventTypes: Set<String>?
    /// The rule's position in the rule set (file order).
    public let order: Int
}
