public import SecurityModel

/// CIS-DOCKER-2.18: experimental features are enabled.
public struct ExperimentalFeatures: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.18",
        slug: "experimental-features",
        title: "Experimental features are enabled",
        severity: .low,
        remediation: "Remove `--experimental` and `\"experimental\": true` from production daemons."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let setting = daemon.experimental
        guard setting.value else { return pass("experimental is false (\(setting.origin))") }
        return fail("Experimental features are enabled", setting)
    }
}
