public import SecurityModel

/// CIS-DOCKER-2.13: container logs stay on the host (log driver `json-file`, `local` or `none`).
public struct RemoteLogging: DaemonCheck {
    public init() {}

    /// Drivers that keep logs only on the host (or nowhere).
    public static let localDrivers: Set<String> = ["json-file", "local", "none"]

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.13",
        slug: "remote-logging",
        title: "Centralized and remote logging is not configured",
        severity: .low,
        remediation:
            "Set a remote log driver, e.g. `\"log-driver\": \"syslog\"` with `\"log-opts\": {\"syslog-address\": "
            + "\"tcp://logs.example:514\"}` in daemon.json (or `--log-driver`/`--log-opt`)."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let driver = daemon.logDriver
        let value = driver.value ?? "json-file"
        guard Self.localDrivers.contains(value) else { return pass("log driver \(value) (\(driver.origin))") }
        return fail("The default log driver is `\(value)`: container logs are not sent off the host", driver)
    }
}
