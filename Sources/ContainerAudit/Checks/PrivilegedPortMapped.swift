public import SecurityModel

/// CIS-DOCKER-5.8: a privileged host port (below 1024) is mapped to the container.
public struct PrivilegedPortMapped: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.8",
        slug: "privileged-port-mapped",
        title: "Privileged ports are mapped within the container",
        severity: .low,
        remediation:
            "Publish on a host port of 1024 or above: `docker run -p 8080:80` instead of `-p 80:80`; Compose: "
            + "`ports: [\"8080:80\"]`. Put a reverse proxy in front when port 80/443 is required."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        PublishedPorts.all(container).compactMap { mapping in
            guard let port = mapping.hostPortNumber, port > 0, port < 1024 else { return nil }
            return finding(
                container,
                "Privileged host port \(port) is mapped to container port \(mapping.containerPort)",
                fieldPath: "HostConfig.PortBindings"
            )
        }
    }
}
