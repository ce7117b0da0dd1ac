public import SecurityModel

/// CIS-DOCKER-5.29: no PIDs cgroup limit (`HostConfig.PidsLimit` unset, 0 or -1): fork bombs can exhaust the host.
public struct PidsLimit: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.29",
        slug: "pids-limit",
        title: "The PIDs cgroup limit is not used",
        severity: .medium,
        remediation:
            "Set a limit: `docker run --pids-limit 100`; Compose: `pids_limit: 100` (or `deploy.resources.limits.pids`)."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard let host = container.hostConfig, (host.pidsLimit ?? 0) <= 0 else { return [] }
        return [finding(container, "No PIDs limit is set", fieldPath: "HostConfig.PidsLimit")]
    }
}
