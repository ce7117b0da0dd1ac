public import SecurityModel

/// CIS-DOCKER-5.5: the container runs `--privileged`.
public struct PrivilegedContainer: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.5",
        slug: "privileged-container",
        title: "Privileged container is used",
        severity: .critical,
        remediation:
            "Remove `--privileged` from `docker run`; Compose: remove `privileged: true`. Grant only the capabilities "
            + "(`--cap-add`/`cap_add`) and devices (`--device`/`devices`) the workload needs."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard container.hostConfig?.privileged == true else { return [] }
        return [
            finding(
                container,
                "The container runs privileged: all capabilities, all host devices, no seccomp/AppArmor confinement",
                fieldPath: "HostConfig.Privileged"
            )
        ]
    }
}
