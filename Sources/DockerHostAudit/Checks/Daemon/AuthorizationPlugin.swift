public import SecurityModel

/// CIS-DOCKER-2.12: no authorization plugin controls client commands.
public struct AuthorizationPlugin: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.12",
        slug: "authorization-plugin",
        title: "No authorization plugin controls Docker client commands",
        severity: .medium,
        remediation:
            "Install an authorization plugin and set `\"authorization-plugins\": [\"<plugin>\"]` in daemon.json "
            + "(or `--authorization-plugin=<plugin>`)."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let plugins = daemon.authorizationPlugins
        guard plugins.value.isEmpty else {
            return pass("authorization plugins \(plugins.value.joined(separator: ", ")) (\(plugins.origin))")
        }
        return fail("No authorization plugin is configured: every client with socket access may do anything", plugins)
    }
}
