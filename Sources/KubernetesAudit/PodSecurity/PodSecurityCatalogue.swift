public import SecurityModel

/// The explicit catalogue of Pod Security Standards controls, and helpers to run them.
public enum PodSecurityCatalogue {
    /// Every control, baseline first, in id order within a level.
    public static let all: [any PodSecurityControl] = {
        let controls: [any PodSecurityControl] = [
            WindowsHostProcess(), HostNamespaces(), Privileged(), BaselineCapabilities(), HostPathVolumes(),
            HostPorts(), HostProbesAndLifecycle(), AppArmor(), SELinuxOptions(), ProcMount(), BaselineSeccomp(),
            Sysctls(),
            RestrictedVolumes(), AllowPrivilegeEscalation(), RunAsNonRoot(), RunAsUser(), RestrictedSeccomp(),
            RestrictedCapabilities(),
        ]
        return controls.sorted {
            ($0.level, $0.descriptor.id) < ($1.level, $1.descriptor.id)
        }
    }()

    /// The descriptors of every control.
    public static var descriptors: [RuleDescriptor] { all.map(\.descriptor) }

    /// The controls that policy `level` at `version` enforces: those of the level and below that exist at
    /// `version`, minus those another applicable control overrides.
    public static func controls(level: PSSLevel, version: PSSVersion = .latest) -> [any PodSecurityControl] {
        let applicable = all.filter { $0.level <= level && $0.minimumVersion <= version }
        let overridden = Set(applicable.flatMap(\.overrides))
        return applicable.filter { !overridden.contains($0.checkID) }
    }

    /// Runs the controls of `level` at `version` over `workload`.
    public static func check(
        _ workload: Workload,
        level: PSSLevel = .restricted,
        version: PSSVersion = .latest
    ) -> [Finding] {
        let pod = PodView(workload)
        return controls(level: level, version: version).flatMap { $0.check(pod, version: version) }
    }
}
