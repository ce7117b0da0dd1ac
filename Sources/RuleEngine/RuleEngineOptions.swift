public import FalcoRules

/// Which rules a ``RuleEngine`` loads and how it reports matches.
///
/// A rule is loaded when its priority is at least ``minimumPriority``, it is enabled (by its file, by name
/// in ``enabledRules`` or by a tag in ``enabledTags``), and neither its name is in ``disabledRules`` nor one
/// of its tags in ``disabledTags``.
public struct RuleEngineOptions: Sendable, Hashable {
    /// The least severe priority kept (`debug` keeps all).
    public var minimumPriority: RulePriority
    /// Rules enabled by name even when their file disables them.
    public var enabledRules: Set<String>
    /// Rules disabled by name.
    public var disabledRules: Set<String>
    /// Rules enabled when they carry one of these tags.
    public var enabledTags: Set<String>
    /// Rules disabled when they carry one of these tags.
    public var disabledTags: Set<String>
    /// All matches or only the first.
    public var matching: RuleMatchingMode

    /// Creates options.
    public init(
        minimumPriority: RulePriority = .debug,
        enabledRules: Set<String> = [],
        disabledRules: Set<String> = [],
        enabledTags: Set<String> = [],
        disabledTags: Set<String> = [],
        matching: RuleMatchingMode = .all
    ) {
        self.minimumPriority = minimumPriority
        self.enabledRules = enabledRules
        self.disabledRules = disabledRules
        self.enabledTags = enabledTags
        self.disabledTags = disabledTags
        self.matching = matching
    }

    /// True when `rule` is loaded under these options.
    public func selects(_ rule: FalcoRule) -> Bool {
        guard rule.priority <= minimumPriority else { return false }
        if disabledRules.contains(rule.name) || rule.tags.contains(where: disabledTags.contains) { return false }
        return rule.enabled || enabledRules.contains(rule.name) || rule.tags.contains(where: enabledTags.contains)
    }
}
