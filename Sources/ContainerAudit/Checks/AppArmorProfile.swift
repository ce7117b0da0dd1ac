public import SecurityModel

/// CIS-DOCKER-5.2: the container runs without an AppArmor profile (`AppArmorProfile` empty or `unconfined`,
/// or `--security-opt apparmor=unconfined`). An explicit `apparmor=unconfined` is always reported: it disables
/// the defence wherever the container runs. An empty profile is not reported on a host known to lack AppArmor
/// (the engine's `/info` has no `name=apparmor`): there no container setting can fix it, and the daemon audit
/// reports the missing mandatory access control once for the host instead.
public struct AppArmorProfile: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.2",
        slug: "apparmor-profile",
        title: "AppArmor profile is not enabled for the container",
        severity: .medium,
        remediation:
            "Run with an AppArmor profile: `docker run --security-opt apparmor=docker-default` (or your own profile); "
            + "Compose: `security_opt: [\"apparmor=docker-default\"]`. Never use `apparmor=unconfined`."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        let requested = SecurityOptions.values("apparmor", in: container.hostConfig?.securityOpt)
        if requested.contains(where: { $0.lowercased() == "unconfined" }) {
            return [
                finding(
                    container,
                    "AppArmor is disabled with `apparmor=unconfined`",
                    fieldPath: "HostConfig.SecurityOpt"
                )
            ]
        }
        guard container.hostMayProvide("apparmor"), let profile = container.appArmorProfile else { return [] }
        if profile.isEmpty {
            return [
                finding(
                    container,
                    "No AppArmor profile is applied (AppArmorProfile is empty)",
                    fieldPath: "AppArmorProfile"
                )
            ]
        }
        if profile.lowercased() == "unconfined" {
            return [finding(container, "The AppArmor profile is `unconfined`", fieldPath: "AppArmorProfile")]
        }
        return []
    }
}
