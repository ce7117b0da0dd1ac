public import SecurityModel

/// Which rules run and how their findings are rated: the lint part of the configuration after
/// `.bulkhead.yaml` / `.hadolint.yaml` and command-line flags have been merged.
public struct LintOptions: Sendable, Hashable {
    /// Rule names (ids, aliases or slugs, any case) that never run.
    public var disabledRules: Set<String>
    /// Rule names that run even though they are off by default.
    public var enabledRules: Set<String>
    /// Severity per rule name.
    public var severityOverrides: [String: Severity]
    /// Settings that rules read.
    public var settings: RuleSettings
    /// Honour `# hadolint ignore=` / `# bulkhead ignore=` comments.
    public var allowInlineIgnores: Bool

    public init(
        disabledRules: Set<String> = [],
        enabledRules: Set<String> = [],
        severityOverrides: [String: Severity] = [:],
        settings: RuleSettings = RuleSettings(),
        allowInlineIgnores: Bool = true
    ) {
        self.disabledRules = disabledRules
        self.enabledRules = enabledRules
        self.severityOverrides = severityOverrides
        self.settings = settings
        self.allowInlineIgnores = allowInlineIgnores
    }

    /// True when `rule` runs under these options.
    public func isActive(_ rule: RuleDescriptor) -> Bool {
        if disabledRules.contains(where: rule.isNamed) { return false }
        return rule.enabledByDefault || enabledRules.contains(where: rule.isNamed)
    }

    /// The severity findings of `rule` get.
    public func severity(of rule: RuleDescriptor) -> Severity {
        for (name, severity) in severityOverrides where rule.isNamed(name) { return severity }
        return rule.severity
    }
}
