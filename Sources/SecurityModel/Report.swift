/// The result of one command run: what was examined, what was found, what could not be read.
///
/// Every reporter (human, JSON, SARIF, JUnit, GitLab) renders this one value.
public struct Report: Sendable, Hashable {
    /// Version of the JSON report schema (`docs/report-schema.md`); bumped on incompatible change.
    public static let schemaVersion = "1.0"

    /// Name and version of the tool.
    public var tool: ToolInfo
    /// The command that produced the report (`lint`, `image`, `scan`, …).
    public var command: String
    /// The targets examined, as named by the user (files after directory expansion).
    public var targets: [String]
    /// Findings, in report order.
    public var findings: [Finding]
    /// Targets that could not be processed.
    public var errors: [TargetError]
    /// Every rule that was active in the run (for SARIF rule metadata and JUnit test cases).
    public var rules: [RuleDescriptor]

    public init(
        tool: ToolInfo,
        command: String,
        targets: [String],
        findings: [Finding],
        errors: [TargetError] = [],
        rules: [RuleDescriptor] = []
    ) {
        self.tool = tool
        self.command = command
        self.targets = targets
        self.findings = findings.sorted(by: Finding.reportOrder)
        self.errors = errors
        self.rules = rules
    }

    /// Number of findings per severity.
    public var countsBySeverity: [Severity: Int] {
        var counts: [Severity: Int] = [:]
        for finding in findings { counts[finding.severity, default: 0] += 1 }
        return counts
    }
}

/// Identity of the tool that produced a report.
public struct ToolInfo: Sendable, Hashable, Codable {
    public var name: String
    public var version: String
    public var informationURI: String

    public init(name: String, version: String, informationURI: String) {
        self.name = name
        self.version = version
        self.informationURI = informationURI
    }
}
