public import SecurityModel

/// Baseline `sysctls`: only the safe, namespaced sysctls of the policy version may be set.
public struct Sysctls: PodSecurityControl {
    public init() {}
    public let checkID = "sysctls"
    public let level = PSSLevel.baseline
    public let descriptor = RuleDescriptor.pss(
        level: .baseline,
        slug: "sysctls",
        checkID: "sysctls",
        title: "Pod sets an unsafe sysctl",
        severity: .high,
        remediation: """
            Set only safe sysctls, for example:
            securityContext:
              sysctls:
                - name: net.ipv4.ip_local_port_range
                  value: "32768 60999"
            """
    )

    /// The sysctls allowed by policy `version` (1.0 list; +1.27, +1.29, +1.32 additions).
    public static func allowed(_ version: PSSVersion) -> Set<String> {
        var names: Set<String> = [
            "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
            "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
        ]
        if version >= .v1(27) { names.insert("net.ipv4.ip_local_reserved_ports") }
        if version >= .v1(29) {
            names.formUnion([
                "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
                "net.ipv4.tcp_keepalive_probes",
            ])
        }
        if version >= .v1(32) { names.formUnion(["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"]) }
        return names
    }

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        let allowed = Self.allowed(version)
        return (pod.securityContext?["sysctls"]?.items ?? []).enumerated().compactMap { i, sysctl in
            let name = sysctl["name"]?.stringValue ?? ""
            guard !allowed.contains(name) else { return nil }
            return pod.finding(
                self,
                fieldPath: "\(pod.specPath).securityContext.sysctls[\(i)].name",
                message: "the pod sets sysctl '\(name)', which policy \(version) does not allow"
            )
        }
    }
}
