public import SecurityModel

/// CIS-DOCKER-C.5.3.1–4 (docker-bench community checks): one dangerous capability — CAP_DAC_READ_SEARCH,
/// CAP_SYS_MODULE, CAP_SYS_ADMIN or CAP_SYS_PTRACE — is added, by name or through `ALL`.
public struct SensitiveCapability: ContainerCheck {
    /// The capability without `CAP_` (`SYS_ADMIN`).
    public let capability: String
    public let descriptor: RuleDescriptor

    /// The four community checks, in id order.
    public static let all: [SensitiveCapability] = [
        SensitiveCapability(number: "C.5.3.1", capability: "DAC_READ_SEARCH", severity: .high),
        SensitiveCapability(number: "C.5.3.2", capability: "SYS_MODULE", severity: .critical),
        SensitiveCapability(number: "C.5.3.3", capability: "SYS_ADMIN", severity: .critical),
        SensitiveCapability(number: "C.5.3.4", capability: "SYS_PTRACE", severity: .high),
    ]

    init(number: String, capability: String, severity: Severity) {
        self.capability = capability
        descriptor = .cisDocker(
            number,
            slug: "cap-\(capability.lowercased().replacing("_", with: "-"))-added",
            title: "CAP_\(capability) is added to the container",
            severity: severity,
            remediation:
                "Remove `--cap-add \(capability)` (and `--cap-add ALL`) from `docker run`; Compose: remove `\(capability)`/`ALL` "
                + "from `cap_add:` and set `cap_drop: [ALL]`."
        )
    }

    public func check(_ container: ContainerConfig) -> [Finding] {
        let added = Capabilities.normalized(container.hostConfig?.capAdd)
        if added.contains(capability) {
            return [finding(container, "CAP_\(capability) is added", fieldPath: "HostConfig.CapAdd")]
        }
        if added.contains("ALL") {
            return [
                finding(container, "CAP_\(capability) is added through `--cap-add ALL`", fieldPath: "HostConfig.CapAdd")
            ]
        }
        return []
    }
}
