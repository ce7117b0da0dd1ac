public import SecurityModel

/// CIS-DOCKER-2.5: insecure (plain HTTP or unverified TLS) registries are configured, beyond the built-in
/// `127.0.0.0/8`.
public struct InsecureRegistries: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.5",
        slug: "insecure-registries",
        title: "Insecure registries are used",
        severity: .high,
        remediation: "Remove `--insecure-registry` flags and empty `insecure-registries` in daemon.json; give each "
            + "registry a TLS certificate (/etc/docker/certs.d/<registry>/ca.crt)."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let registries = daemon.insecureRegistries
        guard !registries.value.isEmpty else {
            return pass("no insecure registry beyond 127.0.0.0/8 (\(registries.origin))")
        }
        let names = registries.value.map { "`\($0)`" }.joined(separator: ", ")
        return fail("Insecure registries are configured: \(names)", registries)
    }
}
