public import SecurityModel

/// CIS-DOCKER-5.12: CPU priority is left at the default (`HostConfig.CpuShares` 0 or 1024) and no CPU cap
/// (`--cpus`, `--cpu-quota`) bounds the container either. docker-bench accepts only CPU shares; a hard cap meets
/// the benchmark's aim (no container can starve the others) better, so Bulkhead accepts it too.
public struct CPUShares: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.12",
        slug: "cpu-shares",
        title: "CPU priority is not set appropriately on the container",
        severity: .low,
        remediation:
            "Give the container a relative CPU weight: `docker run --cpu-shares 512` (or a hard cap `--cpus 1.5`); "
            + "Compose: `cpu_shares: 512` (or `cpus: 1.5`)."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard let host = container.hostConfig else { return [] }
        let shares = host.cpuShares ?? 0
        guard shares == 0 || shares == 1024, (host.nanoCPUs ?? 0) <= 0, (host.cpuQuota ?? 0) <= 0 else { return [] }
        return [
            finding(
                container,
                "CPU shares are the default (\(shares == 0 ? "unset" : "1024"))",
                fieldPath: "HostConfig.CpuShares"
            )
        ]
    }
}
