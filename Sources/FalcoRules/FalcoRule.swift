/// A rule after every redefinition, append and override, with its condition still as text.
public struct FalcoRule: Sendable, Hashable {
    /// The rule's name.
    public var name: String
    /// The description.
    public var description: String
    /// The condition text (appends joined with a space).
    public var condition: String
    /// The output format string.
    public var output: String
    /// The priority.
    public var priority: RulePriority
    /// The event source (`syscall` unless given).
    public var source: String
    /// False when the rule is disabled (it is kept, so that a later item can enable it).
    public var enabled: Bool
    /// The tags.
    public var tags: [String]
    /// The exceptions, in order.
    public var exceptions: [RuleException]
    /// Whether to warn when the condition does not restrict `evt.type`.
    public var warnEventTypes: Bool
    /// Whether an unknown field makes the rule skipped rather than an error.
    public var skipIfUnknownFilter: Bool
    /// Whether a capture file is written when the rule fires.
    public var capture: Bool
    /// `capture_duration`, `capture_events`, `capture_filesize` when given.
    public var captureSettings: [String: Int]
    /// Where the rule was (last) defined.
    public var origin: RuleOrigin
    /// Why the loader skipped the rule (a field it uses is not served), or nil when the rule is loaded.
    /// A skipped rule must not be evaluated.
    public var skipReason: String?
    /// The fields that made the rule skipped, as written in the rule.
    public var unsupportedFields: [String] = []

    /// True when the loader skipped the rule (see ``skipReason``).
    public var skipped: Bool { skipReason != nil }

    /// Creates a rule.
    public init(
        name: String,
        description: String,
        condition: String,
        output: String,
        priority: RulePriority,
        source: String = "syscall",
        enabled: Bool = true,
        tags: [String] = [],
        exceptions: [RuleException] = [],
        warnEventTypes: Bool = true,
        skipIfUnknownFilter: Bool = false,
        capture: Bool = false,
        captureSettings: [String: Int] = [:],
        origin: RuleOrigin
    ) {
        self.name = name
        self.description = description
        self.condition = condition
        self.output = output
        self.priority = priority
        self.source = source
        self.enabled = enabled
        self.tags = tags
        self.exceptions = exceptions
        self.warnEventTypes = warnEventTypes
        self.skipIfUnknownFilter = skipIfUnknownFilter
        self.capture = capture
        self.captureSettings = captureSettings
        self.origin = origin
    }
}
