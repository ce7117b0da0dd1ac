public import SecurityModel

/// CIS-DOCKER-5.13: the root filesystem is writable (`HostConfig.ReadonlyRootfs` false or unset).
public struct ReadOnlyRootFilesystem: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.13",
        slug: "read-only-root-filesystem",
        title: "The container's root filesystem is not mounted as read only",
        severity: .medium,
        remediation:
            "Run with `docker run --read-only` and give writable paths their own `--tmpfs /tmp` or volumes; Compose: "
            + "`read_only: true` plus `tmpfs:`/`volumes:`."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard let host = container.hostConfig, host.readonlyRootfs != true else { return [] }
        return [finding(container, "The root filesystem is writable", fieldPath: "HostConfig.ReadonlyRootfs")]
    }
}
