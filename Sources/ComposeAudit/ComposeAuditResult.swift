public import SecurityModel

/// The outcome of auditing one Compose file.
public struct ComposeAuditResult: Sendable, Hashable {
    /// Findings of the container checks, service by service in file order, checks in catalogue order.
    public var findings: [Finding]
    /// File-level errors (nothing audited) and service-level ones (that service not audited).
    public var errors: [ComposeError]
    /// Warnings: unset variables, `extends` from other files, …
    public var warnings: [ComposeWarning]
    /// The loaded project, nil after a file-level error.
    public var project: ComposeProject?
    /// Names of the services audited.
    public var auditedServices: [String]
    /// Per audited service, the ids of checks that the file cannot decide and that were skipped.
    public var undecidedChecks: [String: Set<String>]

    /// Creates a result.
    public init(
        findings: [Finding] = [],
        errors: [ComposeError] = [],
        warnings: [ComposeWarning] = [],
        project: ComposeProject? = nil,
        auditedServices: [String] = [],
        undecidedChecks: [String: Set<String>] = [:]
    ) {
        self.findings = findings
        self.errors = errors
        self.warnings = warnings
        self.project = project
        self.auditedServices = auditedServices
        self.undecidedChecks = undecidedChecks
    }
}
