public import SecurityModel

/// CIS-DOCKER-5.3: no SELinux security options (`--security-opt label=…`) are set, or labelling is disabled.
/// Not checked on a host known to run the engine without SELinux support (no `name=selinux` in `/info`):
/// labels do nothing there, and Docker itself adds `label=disable` to privileged containers and to those
/// sharing the host's PID or IPC namespace (those weaknesses have their own checks).
public struct SELinuxOptions: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.3",
        slug: "selinux-options",
        title: "SELinux security options are not set for the container",
        severity: .low,
        remediation:
            "On SELinux hosts start the daemon with `--selinux-enabled` and run with "
            + "`docker run --security-opt label=level:s0:c100,c200` (or `label=type:…`); Compose: "
            + "`security_opt: [\"label=type:svirt_apache_t\"]`. Do not use `label=disable`."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard let host = container.hostConfig, container.hostMayProvide("selinux") else { return [] }
        let labels = SecurityOptions.values("label", in: host.securityOpt)
        if labels.contains(where: { $0.lowercased() == "disable" }) {
            return [
                finding(
                    container,
                    "SELinux labelling is disabled with `label=disable`",
                    fieldPath: "HostConfig.SecurityOpt"
                )
            ]
        }
        if labels.isEmpty {
            return [
                finding(container, "No SELinux `label` security option is set", fieldPath: "HostConfig.SecurityOpt")
            ]
        }
        return []
    }
}
