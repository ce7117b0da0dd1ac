public import SecurityModel

/// CIS-DOCKER-2.8 (Manual): no default ulimit is configured. Informational: which limits fit is a judgement.
public struct DefaultUlimit: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.8",
        slug: "default-ulimit",
        title: "No daemon-wide default ulimit is configured",
        severity: .info,
        remediation:
            "Set `default-ulimits` in daemon.json (or `--default-ulimit nofile=1024:2048`) as your policy requires."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let limits = daemon.defaultUlimits
        guard limits.value.isEmpty else {
            return pass("default ulimits \(limits.value.joined(separator: ", ")) (\(limits.origin))")
        }
        return fail("No default ulimit is set", limits)
    }
}
