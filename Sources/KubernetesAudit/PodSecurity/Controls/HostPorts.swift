public import SecurityModel

/// Baseline `hostPorts`: containers must not bind host ports.
public struct HostPorts: PodSecurityControl {
    public init() {}
    public let checkID = "hostPorts"
    public let level = PSSLevel.baseline
    public let descriptor = RuleDescriptor.pss(
        level: .baseline,
        slug: "host-ports",
        checkID: "hostPorts",
        title: "Container binds a host port",
        severity: .medium,
        remediation: """
            Remove `hostPort` from the container's ports (or set it to 0) and expose the port with a Service:
            ports:
              - containerPort: 8080
            """,
        otherAliases: ["CKV_K8S_26", "KSV024"]
    )

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        pod.containers.flatMap { c in
            (c.value["ports"]?.items ?? []).enumerated().compactMap { i, port in
                guard let hostPort = port["hostPort"], hostPort.integerValue != 0, hostPort != .null else {
                    return nil
                }
                return pod.finding(
                    self,
                    fieldPath: "\(c.path).ports[\(i)].hostPort",
                    container: c.name,
                    message: "container '\(c.name)' binds host port \(hostPort.display)"
                )
            }
        }
    }
}
