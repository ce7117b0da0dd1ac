public import SecurityModel

/// Restricted `runAsNonRoot`: `runAsNonRoot: true` on the pod (and not overridden to false) or on every container.
public struct RunAsNonRoot: PodSecurityControl {
    public init() {}
    public let checkID = "runAsNonRoot"
    public let level = PSSLevel.restricted
    public let descriptor = RuleDescriptor.pss(
        level: .restricted,
        slug: "run-as-non-root",
        checkID: "runAsNonRoot",
        title: "Containers may run as root",
        severity: .medium,
        remediation: """
            Require a non-root user for the whole pod:
            spec:
              securityContext:
                runAsNonRoot: true
                runAsUser: 10001
            """,
        otherAliases: ["KSV012"]
    )

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        var findings: [Finding] = []
        let podValue = pod.securityContext?["runAsNonRoot"]?.booleanValue
        if podValue == false {
            findings.append(
                pod.finding(
                    self,
                    fieldPath: "\(pod.specPath).securityContext.runAsNonRoot",
                    message: "the pod sets runAsNonRoot to false"
                )
            )
        }
        for c in pod.containers {
            let value = c.securityContext?["runAsNonRoot"]?.booleanValue
            if value == false {
                findings.append(
                    pod.finding(
                        self,
                        fieldPath: "\(c.path).securityContext.runAsNonRoot",
                        container: c.name,
                        message: "container '\(c.name)' sets runAsNonRoot to false"
                    )
                )
            } else if value == nil, podValue != true {
                findings.append(
                    pod.finding(
                        self,
                        fieldPath: "\(c.path).securityContext.runAsNonRoot",
                        container: c.name,
                        message: "container '\(c.name)' does not set runAsNonRoot to true, nor does the pod"
                    )
                )
            }
        }
        return findings
    }
}
