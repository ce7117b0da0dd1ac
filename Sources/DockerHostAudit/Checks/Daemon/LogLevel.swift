public import SecurityModel

/// CIS-DOCKER-2.3: the daemon's logging level is not `info` (`--log-level`, or `--debug`, which forces `debug`).
public struct LogLevel: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.3",
        slug: "daemon-log-level",
        title: "The daemon's logging level is not 'info'",
        severity: .low,
        remediation:
            "Set `\"log-level\": \"info\"` in /etc/docker/daemon.json (or `--log-level=info`) and remove `debug`."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        if daemon.debug.value {
            return fail(
                "Debug mode is on, which sets the logging level to 'debug'",
                daemon.debug,
                remediation: "Remove `--debug`/`-D` or set `\"debug\": false` in \(daemon.configurationPath)."
            )
        }
        let level = daemon.logLevel
        let value = (level.value ?? "").lowercased()
        if value.isEmpty || value == "info" { return pass("log level is info (\(level.origin))") }
        return fail("The logging level is '\(level.value ?? "")', not 'info'", level)
    }
}
