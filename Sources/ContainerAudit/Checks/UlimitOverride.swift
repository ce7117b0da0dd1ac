public import SecurityModel

/// CIS-DOCKER-5.19: the daemon's default ulimits are overridden (`--ulimit`). Manual in the benchmark:
/// reported for review.
public struct UlimitOverride: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.19",
        slug: "ulimit-override",
        title: "The default ulimit is overwritten at runtime",
        severity: .info,
        remediation:
            "Rely on the daemon's `--default-ulimit` and remove `--ulimit` from `docker run` unless needed; Compose: remove `ulimits:`."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard let names = container.hostConfig?.ulimits, !names.isEmpty else { return [] }
        return [
            finding(
                container,
                "Default ulimits are overridden: \(names.joined(separator: ", "))",
                fieldPath: "HostConfig.Ulimits"
            )
        ]
    }
}
