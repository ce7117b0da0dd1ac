public import SecurityModel

/// Baseline `privileged`: containers must not be privileged.
public struct Privileged: PodSecurityControl {
    public init() {}
    public let checkID = "privileged"
    public let level = PSSLevel.baseline
    public let descriptor = RuleDescriptor.pss(
        level: .baseline,
        slug: "privileged",
        checkID: "privileged",
        title: "Privileged container",
        severity: .critical,
        remediation: """
            Remove `privileged: true` from the container's securityContext, or set it to false:
            securityContext:
              privileged: false
            """,
        otherAliases: ["CKV_K8S_16", "KSV017"]
    )

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        pod.containers.compactMap { c in
            guard c.securityContext?["privileged"]?.booleanValue == true else { return nil }
            return pod.finding(
                self,
                fieldPath: "\(c.path).securityContext.privileged",
                container: c.name,
                message: "container '\(c.name)' is privileged"
            )
        }
    }
}
