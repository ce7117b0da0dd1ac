public import SecurityModel

/// CIS-DOCKER-5.26: `no-new-privileges` is not set, so setuid binaries can raise privileges.
public struct NoNewPrivileges: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.26",
        slug: "no-new-privileges",
        title: "Container is not restricted from acquiring additional privileges",
        severity: .medium,
        remediation:
            "Run with `docker run --security-opt no-new-privileges`; Compose: "
            + "`security_opt: [\"no-new-privileges:true\"]`. The daemon's `--no-new-privileges` default (CIS 2.14) "
            + "also protects the container but does not show in its inspect data, so only the per-container option "
            + "clears this check."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard let host = container.hostConfig else { return [] }
        let enabled = SecurityOptions.pairs(host.securityOpt ?? []).contains { key, value in
            key == "no-new-privileges" && (value.isEmpty || value.lowercased() == "true")
        }
        guard !enabled else { return [] }
        return [finding(container, "`no-new-privileges` is not set", fieldPath: "HostConfig.SecurityOpt")]
    }
}
