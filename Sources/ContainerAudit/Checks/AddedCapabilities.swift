public import SecurityModel

/// CIS-DOCKER-5.4: capabilities beyond Docker's default set are added (`--cap-add`).
public struct AddedCapabilities: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.4",
        slug: "capabilities-restricted",
        title: "Linux kernel capabilities are not restricted within the container",
        severity: .medium,
        remediation:
            "Drop what is not needed and add back only what is: `docker run --cap-drop ALL --cap-add NET_BIND_SERVICE`; "
            + "Compose: `cap_drop: [ALL]` and a minimal `cap_add:` list. Remove the extra capabilities from `--cap-add`/`cap_add`."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        let extra = Capabilities.normalized(container.hostConfig?.capAdd).filter {
            !Capabilities.dockerDefault.contains($0)
        }
        guard !extra.isEmpty else { return [] }
        let names = extra.map { $0 == "ALL" ? "ALL" : "CAP_\($0)" }.joined(separator: ", ")
        return [
            finding(
                container,
                "Capabilities beyond the default set are added: \(names)",
                fieldPath: "HostConfig.CapAdd"
            )
        ]
    }
}
