/// One problem found by any Bulkhead command: the single finding model of the whole tool.
public struct Finding: Sendable, Hashable, Codable {
    /// Bulkhead rule id (`DF3008`), or an advisory id for vulnerabilities.
    public var ruleID: String
    /// Ids other tools use for the same problem (`DL3008`).
    public var aliases: [String]
    /// One-line title of the rule.
    public var title: String
    /// Severity after configuration overrides.
    public var severity: Severity
    /// Where it is.
    public var location: Location
    /// What is wrong here, in words specific to this occurrence. Secrets are already redacted.
    public var message: String
    /// How to fix it.
    public var remediation: String?
    /// Links.
    public var references: [String]
    /// Tags (`security`, `cis:4.1`, …).
    public var tags: [String]
    /// True when `bulkhead lint --fix` can fix this occurrence automatically.
    public var fixable: Bool

    public init(
        ruleID: String,
        aliases: [String] = [],
        title: String,
        severity: Severity,
        location: Location,
        message: String,
        remediation: String? = nil,
        references: [String] = [],
        tags: [String] = [],
        fixable: Bool = false
    ) {
        self.ruleID = ruleID
        self.aliases = aliases
        self.title = title
        self.severity = severity
        self.location = location
        self.message = message
        self.remediation = remediation
        self.references = references
        self.tags = tags
        self.fixable = fixable
    }

    /// Builds a finding from a rule's descriptor.
    public init(
        rule: RuleDescriptor,
        severity: Severity? = nil,
        location: Location,
        message: String,
        fixable: Bool = false
    ) {
        self.init(
            ruleID: rule.id,
            aliases: rule.aliases,
            title: rule.title,
            severity: severity ?? rule.severity,
            location: location,
            message: message,
            remediation: rule.remediation,
            references: rule.references,
            tags: rule.tags,
            fixable: fixable
        )
    }
}

extension Finding {
    /// Orders findings by file, line, column, then rule id: the order every reporter prints.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        let lf = lhs.location.file ?? "", rf = rhs.location.file ?? ""
        if lf != rf { return lf < rf }
        let lp = lhs.location.range?.start ?? SourcePosition(line: 0, column: 0)
        let rp = rhs.location.range?.start ?? SourcePosition(line: 0, column: 0)
        if lp != rp { return lp < rp }
        return lhs.ruleID < rhs.ruleID
    }
}
