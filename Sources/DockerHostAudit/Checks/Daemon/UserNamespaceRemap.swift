public import SecurityModel

/// CIS-DOCKER-2.9: user namespace remapping is not enabled (`userns-remap`).
public struct UserNamespaceRemap: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.9",
        slug: "user-namespace-remap",
        title: "User namespace support is not enabled",
        severity: .medium,
        remediation:
            "Set `\"userns-remap\": \"default\"` in daemon.json (or `--userns-remap=default`); /etc/subuid and "
            + "/etc/subgid must have a range for the user."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let userns = daemon.userNamespaces
        guard !userns.value else { return pass("user namespace remapping is on (\(userns.origin))") }
        return fail("User namespace remapping is off: container root is root on the host", userns)
    }
}
