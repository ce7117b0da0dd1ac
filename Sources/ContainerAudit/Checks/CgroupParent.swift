public import SecurityModel

/// CIS-DOCKER-5.25: the container runs under a non-default cgroup parent (`--cgroup-parent`), to be confirmed.
public struct CgroupParent: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.25",
        slug: "cgroup-parent",
        title: "cgroup usage is not the default",
        severity: .info,
        remediation:
            "Remove `--cgroup-parent` from `docker run` unless the cgroup is intended; Compose: remove `cgroup_parent:`."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard let parent = container.hostConfig?.cgroupParent, !parent.isEmpty else { return [] }
        return [
            finding(container, "The container runs under cgroup parent \(parent)", fieldPath: "HostConfig.CgroupParent")
        ]
    }
}
