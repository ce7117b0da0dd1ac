public import SecurityModel

/// CIS-DOCKER-5.32: the Docker socket is mounted into the container: full control of the daemon, hence of the host.
public struct DockerSocketMounted: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.32",
        slug: "docker-socket-mounted",
        title: "The Docker socket is mounted inside the container",
        severity: .critical,
        remediation:
            "Remove `-v /var/run/docker.sock:/var/run/docker.sock` from `docker run`; Compose: remove the `docker.sock` "
            + "entry from `volumes:`. Use a narrowly scoped API proxy if the workload needs Docker."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        HostMounts.all(container).compactMap { mount in
            guard let source = mount.source, HostMounts.clean(source).split(separator: "/").last == "docker.sock" else {
                return nil
            }
            return finding(
                container,
                "Docker socket \(source) is mounted at \(mount.destination ?? "?")",
                fieldPath: "Mounts"
            )
        }
    }
}
