public import SecurityModel

/// CIS-DOCKER-2.15: live restore is not enabled (passes in Swarm mode, where it is unsupported).
public struct LiveRestore: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.15",
        slug: "live-restore",
        title: "Live restore is not enabled",
        severity: .low,
        remediation: "Set `\"live-restore\": true` in daemon.json (or `--live-restore`)."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let setting = daemon.liveRestore
        if setting.value { return pass("live restore is on (\(setting.origin))") }
        if daemon.swarmState == "active" { return pass("Swarm mode is active; live restore is incompatible with it") }
        return fail("Live restore is off: restarting the daemon stops every container", setting)
    }
}
