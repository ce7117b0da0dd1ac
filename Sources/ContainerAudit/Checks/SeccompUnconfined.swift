public import SecurityModel

/// CIS-DOCKER-5.22: the default seccomp profile is disabled (`--security-opt seccomp=unconfined`).
public struct SeccompUnconfined: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.22",
        slug: "seccomp-unconfined",
        title: "Docker's default seccomp profile is disabled",
        severity: .high,
        remediation:
            "Remove `--security-opt seccomp=unconfined` from `docker run` (or pass a custom profile with "
            + "`seccomp=/path/profile.json`); Compose: remove `seccomp:unconfined` from `security_opt:`."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        let values = SecurityOptions.values("seccomp", in: container.hostConfig?.securityOpt)
        guard values.contains(where: { $0.lowercased() == "unconfined" }) else { return [] }
        return [
            finding(
                container,
                "seccomp filtering is disabled with `seccomp=unconfined`",
                fieldPath: "HostConfig.SecurityOpt"
            )
        ]
    }
}
