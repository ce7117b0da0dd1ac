public import SecurityModel

/// CIS-DOCKER-2.10: a daemon-wide cgroup parent is set; its use must be confirmed.
public struct CgroupParent: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.10",
        slug: "daemon-cgroup-parent",
        title: "The default cgroup parent is changed",
        severity: .low,
        remediation: "Unless intended, remove `--cgroup-parent` / `cgroup-parent` and keep the default cgroup."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let parent = daemon.cgroupParent
        guard let value = parent.value, !value.isEmpty else { return pass("default cgroup parent (\(parent.origin))") }
        return fail("Containers run under cgroup parent `\(value)`: confirm this is intended", parent)
    }
}
