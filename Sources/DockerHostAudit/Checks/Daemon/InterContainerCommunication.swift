public import SecurityModel

/// CIS-DOCKER-2.2: network traffic between containers on the default bridge is not restricted (`icc`).
public struct InterContainerCommunication: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.2",
        slug: "inter-container-communication",
        title: "Inter-container communication on the default bridge is not restricted",
        severity: .medium,
        remediation:
            "Set `\"icc\": false` in /etc/docker/daemon.json (or start dockerd with `--icc=false`) and restart the "
            + "daemon; containers that must talk use user-defined networks."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let icc = daemon.interContainerCommunication
        guard icc.value else { return pass("icc is false (\(icc.origin))") }
        return fail("Inter-container communication on the default bridge is enabled: icc is true", icc)
    }
}
