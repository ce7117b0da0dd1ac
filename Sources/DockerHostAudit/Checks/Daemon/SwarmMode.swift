public import SecurityModel

/// CIS-DOCKER-5.1: Swarm mode is enabled (a daemon fact: `/info` `Swarm.LocalNodeState`).
public struct SwarmMode: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "5.1",
        slug: "swarm-mode",
        title: "Swarm mode is enabled",
        severity: .low,
        remediation: "If Swarm mode is not needed, run `docker swarm leave` (`--force` on a manager)."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        guard let state = daemon.swarmState else { return result(.unknown, "the Swarm state needs /info") }
        guard state != "inactive" else { return pass("Swarm mode is inactive") }
        return fail(
            "Swarm mode is `\(state)` (Engine API /info field `Swarm.LocalNodeState`): confirm it is needed",
            fieldPath: "info.Swarm.LocalNodeState"
        )
    }
}
