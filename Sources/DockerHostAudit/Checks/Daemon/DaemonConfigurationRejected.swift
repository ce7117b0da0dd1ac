public import SecurityModel

/// DOCKERD-0001: dockerd would refuse to start with its current command line and configuration file (a flag and a
/// daemon.json key for the same directive, a value of the wrong type, a positional argument). The running daemon
/// started from something else, so the next restart fails, and section 2 verdicts use the flag's value.
public struct DaemonConfigurationRejected: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DOCKERD-0001",
        slug: "daemon-configuration-rejected",
        title: "dockerd would refuse to start with this configuration",
        severity: .medium,
        remediation: "Set each option in one place only (flag or daemon.json) with the documented type, then check "
            + "with `dockerd --validate` (Docker 23+) before restarting.",
        references: [
            "docs/rules/DOCKERD-0001.md", "https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file",
        ],
        tags: ["docker-host", "reliability"]
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let findings = daemon.problems.map { problem in
            Finding(
                rule: descriptor,
                location: Location(object: "docker-daemon", fieldPath: problem.option),
                message: problem.message
            )
        }
        return CheckResult(
            ruleID: descriptor.id,
            verdict: findings.isEmpty ? .pass : .fail,
            findings: findings,
            note: findings.isEmpty ? "no configuration problem" : nil
        )
    }
}
