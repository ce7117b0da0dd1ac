public import SecurityModel

/// CIS-DOCKER-5.20: a mount uses `shared` (or `rshared`) propagation.
public struct SharedMountPropagation: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.20",
        slug: "shared-mount-propagation",
        title: "Mount propagation mode is set to shared",
        severity: .medium,
        remediation:
            "Use the default private propagation: drop `bind-propagation=shared` from `--mount` (or `:shared` from `-v`); "
            + "Compose: remove `bind: {propagation: shared}` from the volume."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        HostMounts.all(container).compactMap { mount in
            guard let propagation = mount.propagation?.lowercased(), propagation == "shared" || propagation == "rshared"
            else {
                return nil
            }
            return finding(
                container,
                "Mount \(mount.source ?? "?") → \(mount.destination ?? "?") uses \(propagation) propagation",
                fieldPath: "Mounts"
            )
        }
    }
}
