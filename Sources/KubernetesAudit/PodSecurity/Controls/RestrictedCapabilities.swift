public import SecurityModel

/// Restricted `capabilities_restricted` (1.22+): every container drops `ALL` and adds at most `NET_BIND_SERVICE`.
public struct RestrictedCapabilities: PodSecurityControl {
    public init() {}
    public let checkID = "capabilities_restricted"
    public let level = PSSLevel.restricted
    public var minimumVersion: PSSVersion { .v1(22) }
    public var overrides: [String] { ["capabilities_baseline"] }
    public let descriptor = RuleDescriptor.pss(
        level: .restricted,
        slug: "capabilities",
        checkID: "capabilities_restricted",
        title: "Container does not drop ALL capabilities or adds one",
        severity: .medium,
        remediation: """
            Drop every capability and add back only NET_BIND_SERVICE if needed:
            securityContext:
              capabilities:
                drop: ["ALL"]
            """
    )

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        var findings: [Finding] = []
        for c in pod.containers {
            let capabilities = c.securityContext?["capabilities"]
            if !(capabilities?["drop"]?.strings ?? []).contains("ALL") {
                findings.append(
                    pod.finding(
                        self,
                        fieldPath: "\(c.path).securityContext.capabilities.drop",
                        container: c.name,
                        message: "container '\(c.name)' does not drop ALL capabilities"
                    )
                )
            }
            for (i, cap) in (capabilities?["add"]?.items ?? []).enumerated() where cap.stringValue != "NET_BIND_SERVICE"
            {
                findings.append(
                    pod.finding(
                        self,
                        fieldPath: "\(c.path).securityContext.capabilities.add[\(i)]",
                        container: c.name,
                        message: "container '\(c.name)' adds capability \(cap.stringValue ?? cap.display)"
                    )
                )
            }
        }
        return findings
    }
}
