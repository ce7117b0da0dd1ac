public import SecurityModel

/// CIS-DOCKER-2.4: Docker is not allowed to change iptables (`--iptables=false`).
public struct IptablesManagement: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.4",
        slug: "iptables-allowed",
        title: "Docker is not allowed to make changes to iptables",
        severity: .medium,
        remediation: "Remove `--iptables=false` from dockerd's command line and `\"iptables\": false` from daemon.json."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let iptables = daemon.iptables
        guard !iptables.value else { return pass("iptables is true (\(iptables.origin))") }
        return fail("Docker may not manage iptables rules: iptables is false", iptables)
    }
}
