public import SecurityModel

/// Restricted `runAsUser` (1.23+): `runAsUser` must not be 0 on the pod or any container.
public struct RunAsUser: PodSecurityControl {
    public init() {}
    public let checkID = "runAsUser"
    public let level = PSSLevel.restricted
    public var minimumVersion: PSSVersion { .v1(23) }
    public let descriptor = RuleDescriptor.pss(
        level: .restricted,
        slug: "run-as-user",
        checkID: "runAsUser",
        title: "Container runs as UID 0",
        severity: .medium,
        remediation: """
            Run as a non-zero UID:
            securityContext:
              runAsUser: 10001
              runAsNonRoot: true
            """
    )

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        var findings: [Finding] = []
        if pod.securityContext?["runAsUser"]?.integerValue == 0 {
            findings.append(
                pod.finding(
                    self,
                    fieldPath: "\(pod.specPath).securityContext.runAsUser",
                    message: "the pod sets runAsUser to 0 (root)"
                )
            )
        }
        for c in pod.containers where c.securityContext?["runAsUser"]?.integerValue == 0 {
            findings.append(
                pod.finding(
                    self,
                    fieldPath: "\(c.path).securityContext.runAsUser",
                    container: c.name,
                    message: "container '\(c.name)' sets runAsUser to 0 (root)"
                )
            )
        }
        return findings
    }
}
