public import SecurityModel

/// Baseline `seccompProfile_baseline` (1.19+): the seccomp profile must not be `Unconfined`.
public struct BaselineSeccomp: PodSecurityControl {
    public init() {}
    public let checkID = "seccompProfile_baseline"
    public let level = PSSLevel.baseline
    public var minimumVersion: PSSVersion { .v1(19) }
    public let descriptor = RuleDescriptor.pss(
        level: .baseline,
        slug: "seccomp",
        checkID: "seccompProfile_baseline",
        title: "Seccomp is disabled",
        severity: .high,
        remediation: """
            Use the runtime's default seccomp profile:
            securityContext:
              seccompProfile:
                type: RuntimeDefault
            """
    )

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        var findings: [Finding] = []
        if pod.securityContext?["seccompProfile"]?["type"]?.stringValue == "Unconfined" {
            findings.append(
                pod.finding(
                    self,
                    fieldPath: "\(pod.specPath).securityContext.seccompProfile.type",
                    message: "the pod sets seccomp profile Unconfined"
                )
            )
        }
        for c in pod.containers where c.securityContext?["seccompProfile"]?["type"]?.stringValue == "Unconfined" {
            findings.append(
                pod.finding(
                    self,
                    fieldPath: "\(c.path).securityContext.seccompProfile.type",
                    container: c.name,
                    message: "container '\(c.name)' sets seccomp profile Unconfined"
                )
            )
        }
        return findings
    }
}
