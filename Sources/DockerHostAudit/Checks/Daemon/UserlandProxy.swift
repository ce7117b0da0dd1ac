public import SecurityModel

/// CIS-DOCKER-2.16: the userland proxy is enabled.
public struct UserlandProxy: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.16",
        slug: "userland-proxy",
        title: "The userland proxy is enabled",
        severity: .low,
        remediation: "Set `\"userland-proxy\": false` in daemon.json (or `--userland-proxy=false`)."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let setting = daemon.userlandProxy
        guard setting.value else { return pass("userland-proxy is false (\(setting.origin))") }
        return fail("The userland proxy is enabled: userland-proxy is true", setting)
    }
}
