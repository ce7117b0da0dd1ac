public import SecurityModel

/// Baseline `windowsHostProcess`: Windows HostProcess containers are forbidden.
public struct WindowsHostProcess: PodSecurityControl {
    public init() {}
    public let checkID = "windowsHostProcess"
    public let level = PSSLevel.baseline
    public let descriptor = RuleDescriptor.pss(
        level: .baseline,
        slug: "host-process",
        checkID: "windowsHostProcess",
        title: "Windows HostProcess containers are used",
        severity: .critical,
        remediation: """
            Remove `windowsOptions.hostProcess` or set it to false:
            securityContext:
              windowsOptions:
                hostProcess: false
            """
    )

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        var findings: [Finding] = []
        if pod.securityContext?["windowsOptions"]?["hostProcess"]?.booleanValue == true {
            findings.append(
                pod.finding(
                    self,
                    fieldPath: "\(pod.specPath).securityContext.windowsOptions.hostProcess",
                    message: "the pod sets windowsOptions.hostProcess to true"
                )
            )
        }
        for c in pod.containers where c.securityContext?["windowsOptions"]?["hostProcess"]?.booleanValue == true {
            findings.append(
                pod.finding(
                    self,
                    fieldPath: "\(c.path).securityContext.windowsOptions.hostProcess",
                    container: c.name,
                    message: "container '\(c.name)' sets windowsOptions.hostProcess to true"
                )
            )
        }
        return findings
    }
}
