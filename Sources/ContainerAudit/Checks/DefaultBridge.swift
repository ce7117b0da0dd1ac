public import SecurityModel

/// CIS-DOCKER-5.30: the container is attached to the default bridge `docker0` (Manual in the benchmark:
/// containers on it can reach each other without restriction).
public struct DefaultBridge: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.30",
        slug: "default-bridge",
        title: "The default bridge docker0 is used",
        severity: .info,
        remediation:
            "Create a user-defined network (`docker network create app`) and run with `docker run --network app`; "
            + "Compose does this by default: do not set `network_mode: bridge`."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard let host = container.hostConfig else { return [] }
        let mode = host.networkMode?.lowercased() ?? ""
        let onBridge: Bool
        if let networks = container.networks, !networks.isEmpty {
            onBridge = networks.contains("bridge")
        } else {
            onBridge = mode == "default" || mode == "bridge"
        }
        guard onBridge else { return [] }
        return [
            finding(
                container,
                "The container is attached to the default bridge network",
                fieldPath: "NetworkSettings.Networks"
            )
        ]
    }
}
