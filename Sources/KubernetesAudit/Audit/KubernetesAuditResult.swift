public import SecurityModel

/// The outcome of auditing the manifests of one run.
public struct KubernetesAuditResult: Sendable, Hashable {
    /// Findings in report order (file, line, rule id), then by object and field path.
    public var findings: [Finding]
    /// Files and documents that could not be loaded, in the order given.
    public var errors: [TargetError]
    /// The rules that were active.
    public var rules: [RuleDescriptor]
    /// Number of objects audited (List items counted one by one).
    public var objectCount: Int

    /// Creates a result.
    public init(findings: [Finding], errors: [TargetError], rules: [RuleDescriptor], objectCount: Int) {
        self.findings = findings
        self.errors = errors
        self.rules = rules
        self.objectCount = objectCount
    }
}
