/// The keys of one rule item, typed, before they are applied to the rule set.
struct RuleDraft {
    var description: String?
    var condition: String?
    var output: String?
    var priority: RulePriority?
    var source: String?
    var enabled: Bool?
    var tags: [String]?
    var exceptions: [ExceptionDraft]?
    var warnEventTypes: Bool?
    var skipIfUnknownFilter: Bool?
    var capture: Bool?
    var captureSettings: [String: Int] = [:]

    /// The keys a rule item may have.
    static let keys: Set<String> = [
        "rule", "desc", "condition", "output", "priority", "source", "enabled", "tags", "exceptions", "warn_evttypes",
        "skip-if-unknown-filter", "capture", "capture_duration", "capture_events", "capture_filesize", "override",
        "append",
    ]
    /// The capture settings that take an integer.
    static let captureKeys = ["capture_duration", "capture_events", "capture_filesize"]
    /// The keys `override: {KEY: append}` accepts.
    static let appendable: Set<String> = ["condition", "output", "desc", "tags", "exceptions"]
    /// The keys `override: {KEY: replace}` accepts.
    static let replaceable: Set<String> = [
        "condition", "output", "desc", "priority", "tags", "exceptions", "enabled", "warn_evttypes",
        "skip-if-unknown-filter", "capture", "capture_duration", "capture_events", "capture_filesize",
    ]
}
