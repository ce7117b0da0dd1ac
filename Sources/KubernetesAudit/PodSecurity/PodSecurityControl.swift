public import SecurityModel

/// One Pod Security Standards control (one PSA check): a small pure value that looks at a workload's pod spec.
public protocol PodSecurityControl: Sendable {
    /// Identity (`K8S-PSS-B-PRIVILEGED`, alias = PSA check id), default severity and texts.
    var descriptor: RuleDescriptor { get }
    /// The Pod Security Admission check id (`privileged`).
    var checkID: String { get }
    /// The lowest level that enforces this control.
    var level: PSSLevel { get }
    /// The first policy version that has this control.
    var minimumVersion: PSSVersion { get }
    /// PSA check ids this control replaces (from ``minimumVersion`` on), as `seccompProfile_restricted`
    /// replaces `seccompProfile_baseline`.
    var overrides: [String] { get }
    /// The findings for one workload under policy `version`.
    func check(_ pod: PodView, version: PSSVersion) -> [Finding]
}

extension PodSecurityControl {
    /// Most controls replace nothing.
    public var overrides: [String] { [] }
    /// Most controls exist since the first policy version.
    public var minimumVersion: PSSVersion { .v1(0) }
}

extension RuleDescriptor {
    /// A descriptor of a PSS control: id `K8S-PSS-B-<SLUG>` / `K8S-PSS-R-<SLUG>`, slug `baseline-<slug>` /
    /// `restricted-<slug>` (unique, as `seccomp` and `capabilities` exist at both levels); aliases the PSA check id,
    /// then `otherAliases` (checkov and trivy ids of the same check).
    static func pss(
        level: PSSLevel,
        slug: String,
        checkID: String,
        title: String,
        severity: Severity,
        remediation: String,
        otherAliases: [String] = []
    ) -> RuleDescriptor {
        RuleDescriptor(
            id: "K8S-PSS-\(level == .baseline ? "B" : "R")-\(slug.uppercased())",
            slug: "\(level.rawValue)-\(slug)",
            aliases: [checkID] + otherAliases,
            title: title,
            severity: severity,
            remediation: remediation,
            references: [
                "docs/rules/K8S-PSS-\(level == .baseline ? "B" : "R")-\(slug.uppercased()).md",
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            ],
            tags: ["security", "kubernetes", "pss:\(level.rawValue)"]
        )
    }
}
