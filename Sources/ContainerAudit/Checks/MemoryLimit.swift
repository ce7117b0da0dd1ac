public import SecurityModel

/// CIS-DOCKER-5.11: no memory limit (`HostConfig.Memory` 0 or unset).
public struct MemoryLimit: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.11",
        slug: "memory-limit",
        title: "Memory usage for the container is not limited",
        severity: .medium,
        remediation:
            "Set a limit: `docker run --memory 256m`; Compose: `mem_limit: 256m` (or `deploy.resources.limits.memory`)."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard let host = container.hostConfig, (host.memory ?? 0) <= 0 else { return [] }
        return [finding(container, "No memory limit is set", fieldPath: "HostConfig.Memory")]
    }
}
