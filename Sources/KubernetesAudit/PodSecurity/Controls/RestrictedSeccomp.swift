public import SecurityModel

/// Restricted `seccompProfile_restricted` (1.19+): `RuntimeDefault` or `Localhost` on the pod or every container.
public struct RestrictedSeccomp: PodSecurityControl {
    public init() {}
    public let checkID = "seccompProfile_restricted"
    public let level = PSSLevel.restricted
    public var minimumVersion: PSSVersion { .v1(19) }
    public var overrides: [String] { ["seccompProfile_baseline"] }
    public let descriptor = RuleDescriptor.pss(
        level: .restricted,
        slug: "seccomp",
        checkID: "seccompProfile_restricted",
        title: "Seccomp profile is not set to RuntimeDefault or Localhost",
        severity: .medium,
        remediation: """
            Set the runtime's default seccomp profile for the whole pod:
            spec:
              securityContext:
                seccompProfile:
                  type: RuntimeDefault
            """
    )

    static func isAllowed(_ type: String?) -> Bool { type == "RuntimeDefault" || type == "Localhost" }

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        var findings: [Finding] = []
        let podType = pod.securityContext?["seccompProfile"]?["type"]?.stringValue
        if let podType, !Self.isAllowed(podType) {
            findings.append(
                pod.finding(
                    self,
                    fieldPath: "\(pod.specPath).securityContext.seccompProfile.type",
                    message: "the pod sets seccomp profile '\(podType)'"
                )
            )
        }
        for c in pod.containers {
            let type = c.securityContext?["seccompProfile"]?["type"]?.stringValue
            if let type, !Self.isAllowed(type) {
                findings.append(
                    pod.finding(
                        self,
                        fieldPath: "\(c.path).securityContext.seccompProfile.type",
                        container: c.name,
                        message: "container '\(c.name)' sets seccomp profile '\(type)'"
                    )
                )
            } else if type == nil, !Self.isAllowed(podType) {
                findings.append(
                    pod.finding(
                        self,
                        fieldPath: "\(c.path).securityContext.seccompProfile.type",
                        container: c.name,
                        message: "container '\(c.name)' has no seccomp profile, nor does the pod"
                    )
                )
            }
        }
        return findings
    }
}
