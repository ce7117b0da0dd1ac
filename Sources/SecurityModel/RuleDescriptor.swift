/// Static description of one rule or check: identity, default severity and the texts shown to users.
///
/// Every lint rule, image check, audit check and runtime rule has one. Reporters use it to list
/// rules (SARIF `tool.driver.rules`), configuration uses `id` and `aliases` to disable or re-rate it.
public struct RuleDescriptor: Sendable, Hashable, Codable {
    /// Bulkhead id, prefix + number (`DF3008`).
    public var id: String
    /// Short kebab-case name (`apt-get-pin-versions`).
    public var slug: String
    /// Ids other tools use for the same check (`DL3008`, `CIS-DI-0001`, `CIS 4.1`).
    public var aliases: [String]
    /// One-line title.
    public var title: String
    /// Default severity.
    public var severity: Severity
    /// Whether the rule runs without being enabled explicitly.
    public var enabledByDefault: Bool
    /// How to fix what the rule finds.
    public var remediation: String
    /// Links to documentation.
    public var references: [String]
    /// Free-form tags (`security`, `cis:4.1`, `best-practice`).
    public var tags: [String]
    /// Bumped whenever the rule's output for the same input changes.
    public var version: Int

    public init(
        id: String,
        slug: String,
        aliases: [String] = [],
        title: String,
        severity: Severity,
        enabledByDefault: Bool = true,
        remediation: String,
        references: [String] = [],
        tags: [String] = [],
        version: Int = 1
    ) {
        self.id = id
        self.slug = slug
        self.aliases = aliases
        self.title = title
        self.severity = severity
        self.enabledByDefault = enabledByDefault
        self.remediation = remediation
        self.references = references
        self.tags = tags
        self.version = version
    }

    /// True when `name` is this rule's id, slug or one of its aliases (case-insensitive).
    public func isNamed(_ name: String) -> Bool {
        let n = name.uppercased()
        return n == id.uppercased() || n == slug.uppercased() || aliases.contains { $0.uppercased() == n }
    }

    /// The documentation page of this rule inside the repository.
    public var documentationPath: String { "docs/rules/\(id).md" }
}
