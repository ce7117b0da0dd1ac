public import SecurityModel

/// CIS-DOCKER-2.17 (Manual): the daemon-wide seccomp profile. The built-in default passes; a custom profile is
/// reported for review (info); `unconfined` disables seccomp for every container and is a real finding.
public struct SeccompProfile: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.17",
        slug: "daemon-seccomp-profile",
        title: "The daemon-wide seccomp profile needs review",
        severity: .info,
        remediation: "Keep Docker's default seccomp profile unless a reviewed custom profile is needed; never set "
            + "`\"seccomp-profile\": \"unconfined\"`."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let profile = daemon.seccompProfile
        if let info = daemon.info, info.securityOption("seccomp") == nil {
            return fail("The daemon reports no seccomp support: containers run without a seccomp filter", profile)
        }
        guard let value = profile.value, !value.isEmpty else {
            return pass("Docker's default seccomp profile (\(profile.origin))")
        }
        if value == "unconfined" {
            return fail(
                "The daemon-wide seccomp profile is `unconfined` (\(profile.origin)): containers run without a "
                    + "seccomp filter by default",
                fieldPath: profile.fieldPath,
                severity: .medium
            )
        }
        return fail("A custom daemon-wide seccomp profile `\(value)` is used: review it", profile)
    }
}
