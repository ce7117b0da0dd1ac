public import FalcoRules

/// One alert raised by a rule for an event, ready to be serialized as Falco does.
public struct Alert: Sendable, Hashable {
    /// When the event happened, nanoseconds since the Unix epoch.
    public var time: UInt64
    /// The rule's name.
    public var rule: String
    /// The rule's priority.
    public var priority: RulePriority
    /// The event source (`syscall`).
    public var source: String
    /// The rule's tags, in the rule's order.
    public var tags: [String]
    /// The rendered `output:` text.
    public var output: String
    /// The fields the output names, with their values (sorted by name).
    public var outputFields: [(name: String, value: AlertFieldValue)]
    /// The host the alert comes from.
    public var hostname: String
    /// Set on a de-duplication summary: the alerts its window folded. Nil on ordinary alerts.
    public var repetition: AlertRepetition?

    /// Creates an alert.
    public init(
        time: UInt64,
        rule: String,
        priority: RulePriority,
        source: String = "syscall",
        tags: [String] = [],
        output: String,
        outputFields: [(name: String, value: AlertFieldValue)] = [],
        hostname: String,
        repetition: AlertRepetition? = nil
    ) {
        self.time = time
        self.rule = rule
        self.priority = priority
        self.source = source
        self.tags = tags
        self.output = output
        self.outputFields = outputFields
        self.hostname = hostname
        self.repetition = repetition
    }

    /// Field-by-field equality.
    public static func == (lhs: Alert, rhs: Alert) -> Bool {
        lhs.time == rhs.time && lhs.rule == rhs.rule && lhs.priority == rhs.priority && lhs.source == rhs.source
            && lhs.tags == rhs.tags && lhs.output == rhs.output && lhs.hostname == rhs.hostname
            && lhs.repetition == rhs.repetition
            && lhs.outputFields.count == rhs.outputFields.count
            && zip(lhs.outputFields, rhs.outputFields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// Hashes every field.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(time)
        hasher.combine(rule)
        hasher.combine(priority)
        hasher.combine(source)
        hasher.combine(tags)
        hasher.combine(output)
        hasher.combine(hostname)
        hasher.combine(repetition)
        for field in outputFields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }
}
