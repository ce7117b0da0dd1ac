public import SecurityModel

/// Baseline `procMount_baseline`: `/proc` must use the default mask (relaxed for `hostUsers: false` pods from
/// the 1.35 policy on).
public struct ProcMount: PodSecurityControl {
    public init() {}
    public let checkID = "procMount_baseline"
    public let level = PSSLevel.baseline
    public let descriptor = RuleDescriptor.pss(
        level: .baseline,
        slug: "proc-mount",
        checkID: "procMount_baseline",
        title: "Container unmasks /proc",
        severity: .high,
        remediation: """
            Remove procMount or set it to Default:
            securityContext:
              procMount: Default
            """
    )

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        if version >= .v1(35), pod.spec["hostUsers"]?.booleanValue == false { return [] }
        return pod.containers.compactMap { c in
            guard let mount = c.securityContext?["procMount"], mount != .null, mount.stringValue != "Default" else {
                return nil
            }
            return pod.finding(
                self,
                fieldPath: "\(c.path).securityContext.procMount",
                container: c.name,
                message: "container '\(c.name)' sets procMount \(mount.display)"
            )
        }
    }
}
