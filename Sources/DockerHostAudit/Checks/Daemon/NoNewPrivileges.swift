public import SecurityModel

/// CIS-DOCKER-2.14: containers may acquire new privileges by default (`no-new-privileges` off).
public struct NoNewPrivileges: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.14",
        slug: "daemon-no-new-privileges",
        title: "Containers are not restricted from acquiring new privileges",
        severity: .medium,
        remediation: "Set `\"no-new-privileges\": true` in daemon.json (or start dockerd with `--no-new-privileges`)."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let setting = daemon.noNewPrivileges
        guard !setting.value else { return pass("no-new-privileges is true (\(setting.origin))") }
        return fail("Containers may gain privileges through setuid binaries: no-new-privileges is false", setting)
    }
}
