public import SecurityModel

/// CIS-DOCKER-2.7: the daemon listens on TCP without TLS client authentication (`tlsverify`).
public struct TLSAuthentication: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.7",
        slug: "daemon-tls-authentication",
        title: "The daemon listens on TCP without TLS authentication",
        severity: .critical,
        remediation: "Set `\"tlsverify\": true`, `tlscacert`, `tlscert` and `tlskey` in daemon.json (or the flags), or "
            + "listen on the unix socket only."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let tcp = daemon.tcpListeners
        guard !tcp.isEmpty else { return result(.notApplicable, "the daemon does not listen on TCP") }
        let addresses = tcp.map { "`\($0.address)`" }.joined(separator: ", ")
        if daemon.tlsVerify.value {
            return pass("TCP listeners \(addresses) verify clients (\(daemon.tlsVerify.origin))")
        }
        if daemon.tls.value {
            return fail(
                "The daemon listens on TCP (\(addresses), \(daemon.hosts.origin)) with TLS but does not verify "
                    + "clients: anyone who reaches the port controls the daemon",
                fieldPath: daemon.tlsVerify.fieldPath,
                severity: .high
            )
        }
        return fail(
            "The daemon listens on TCP (\(addresses), \(daemon.hosts.origin)) without TLS: anyone who reaches the port "
                + "controls the daemon (root on the host)",
            fieldPath: daemon.hosts.fieldPath
        )
    }
}
