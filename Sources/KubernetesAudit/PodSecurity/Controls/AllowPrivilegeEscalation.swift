public import SecurityModel

/// Restricted `allowPrivilegeEscalation` (1.8+): every container must set `allowPrivilegeEscalation: false`.
public struct AllowPrivilegeEscalation: PodSecurityControl {
    public init() {}
    public let checkID = "allowPrivilegeEscalation"
    public let level = PSSLevel.restricted
    public var minimumVersion: PSSVersion { .v1(8) }
    public let descriptor = RuleDescriptor.pss(
        level: .restricted,
        slug: "privilege-escalation",
        checkID: "allowPrivilegeEscalation",
        title: "Container allows privilege escalation",
        severity: .medium,
        remediation: """
            Set allowPrivilegeEscalation to false on every container:
            securityContext:
              allowPrivilegeEscalation: false
            """,
        otherAliases: ["CKV_K8S_20", "KSV001"]
    )

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        pod.containers.compactMap { c in
            let value = c.securityContext?["allowPrivilegeEscalation"]
            guard value?.booleanValue != false else { return nil }
            return pod.finding(
                self,
                fieldPath: "\(c.path).securityContext.allowPrivilegeEscalation",
                container: c.name,
                message: value == nil || value == .null
                    ? "container '\(c.name)' does not set allowPrivilegeEscalation to false"
                    : "container '\(c.name)' sets allowPrivilegeEscalation to \(value?.display ?? "")"
            )
        }
    }
}
