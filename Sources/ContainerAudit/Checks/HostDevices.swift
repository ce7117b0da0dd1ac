public import SecurityModel

/// CIS-DOCKER-5.18: host devices are exposed directly (`--device`). Manual in the benchmark: every device is
/// reported for review.
public struct HostDevices: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.18",
        slug: "host-devices",
        title: "Host devices are directly exposed to the container",
        severity: .medium,
        remediation:
            "Remove `--device` options that are not needed and restrict the rest (`--device /dev/x:/dev/x:r`); Compose: "
            + "trim `devices:`."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        (container.hostConfig?.devices ?? []).map { device in
            let permissions = device.cgroupPermissions.flatMap { $0.isEmpty ? nil : $0 } ?? "rwm"
            return finding(
                container,
                "Host device \(device.pathOnHost ?? "?") is exposed at \(device.pathInContainer ?? "?") (\(permissions))",
                fieldPath: "HostConfig.Devices"
            )
        }
    }
}
