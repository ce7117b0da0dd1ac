public import SecurityModel

/// DOCKERD-0002: the engine confines containers with neither AppArmor nor SELinux (its `/info` security options
/// name neither). Then no container can have a mandatory access control profile, so CIS 5.2/5.3 cannot be met
/// per container; Bulkhead reports the gap once, here, instead of on every container.
public struct MandatoryAccessControl: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DOCKERD-0002",
        slug: "no-mandatory-access-control",
        title: "Containers run without AppArmor or SELinux confinement on this host",
        severity: .low,
        remediation: "Enable AppArmor (the `apparmor=1 security=apparmor` kernel parameters and the apparmor package) "
            + "or SELinux with `\"selinux-enabled\": true` in /etc/docker/daemon.json, then restart dockerd; "
            + "containers then get the `docker-default` profile or an SELinux label (CIS Docker 5.2, 5.3).",
        references: [
            "docs/rules/DOCKERD-0002.md",
            "https://docs.docker.com/engine/security/apparmor/",
            "https://www.cisecurity.org/benchmark/docker",
        ],
        tags: ["docker-host", "security", "cis:5.2", "cis:5.3"]
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        guard let info = daemon.info else {
            return CheckResult(ruleID: descriptor.id, verdict: .unknown, note: "the engine's /info was not read")
        }
        let names = Set(info.securityOptions.map { $0.name.lowercased() })
        if names.contains("apparmor") || names.contains("selinux") {
            return CheckResult(
                ruleID: descriptor.id,
                verdict: .pass,
                note: "confinement: \(names.sorted().joined(separator: ", "))"
            )
        }
        let listed = names.isEmpty ? "none" : names.sorted().joined(separator: ", ")
        let finding = Finding(
            rule: descriptor,
            location: Location(object: "docker-daemon", fieldPath: "info.SecurityOptions"),
            message: "The engine reports no AppArmor or SELinux support (security options: \(listed))"
        )
        return CheckResult(ruleID: descriptor.id, verdict: .fail, findings: [finding])
    }
}
