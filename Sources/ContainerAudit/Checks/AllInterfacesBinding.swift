public import SecurityModel

/// CIS-DOCKER-5.14: a published port listens on every host interface (no host IP, `0.0.0.0` or `::`).
public struct AllInterfacesBinding: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.14",
        slug: "bind-all-interfaces",
        title: "Incoming container traffic is not bound to a specific host interface",
        severity: .low,
        remediation:
            "Bind published ports to one address: `docker run -p 127.0.0.1:8080:80`; Compose: "
            + "`ports: [\"127.0.0.1:8080:80\"]` (or the long form with `host_ip:`)."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        PublishedPorts.all(container).compactMap { mapping in
            guard mapping.bindsAllInterfaces else { return nil }
            let host = mapping.hostPort.flatMap { $0.isEmpty ? nil : $0 } ?? "(random)"
            return finding(
                container,
                "Container port \(mapping.containerPort) is published on all host interfaces (host port \(host))",
                fieldPath: "HostConfig.PortBindings"
            )
        }
    }
}
