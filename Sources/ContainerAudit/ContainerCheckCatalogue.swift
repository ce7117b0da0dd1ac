public import SecurityModel

/// The explicit catalogue of container checks (`bulkhead audit`, CIS Docker Benchmark v1.6.0 section 5 and
/// docker-bench's community capability checks), and helpers to run them.
///
/// Only checks answerable from inspect data (and, for 5.7, the engine's process list) are here. Not automated:
/// 5.1 (Swarm mode: a daemon fact, in DockerHostAudit), 5.9 (needed ports: a judgement), 5.23/5.24
/// (`docker exec` usage: audit logs), 5.28 (latest image version: needs a registry).
public enum ContainerCheckCatalogue {
    /// Every container check, in id order.
    public static let all: [any ContainerCheck] = {
        var checks: [any ContainerCheck] = [
            AppArmorProfile(), SELinuxOptions(), AddedCapabilities(), PrivilegedContainer(), SensitiveHostDirectory(),
            PrivilegedPortMapped(), MemoryLimit(), CPUShares(), ReadOnlyRootFilesystem(), AllInterfacesBinding(),
            RestartPolicyRetries(), HostDevices(), UlimitOverride(), SharedMountPropagation(), SeccompUnconfined(),
            CgroupParent(), NoNewPrivileges(), HealthCheck(), PidsLimit(), DefaultBridge(), DockerSocketMounted(),
            RootUser(), SSHDaemonRunning(),
        ]
        checks += HostNamespaceShared.all.map { $0 as any ContainerCheck }
        checks += SensitiveCapability.all.map { $0 as any ContainerCheck }
        return checks.sorted { order($0.descriptor.id).lexicographicallyPrecedes(order($1.descriptor.id)) }
    }()

    /// Benchmark ids not checked because inspect data cannot answer them, with the reason.
    public static let notAutomated: [(id: String, reason: String)] = [
        ("CIS-DOCKER-5.1", "Swarm mode is a daemon setting (`docker info`), not a container fact"),
        ("CIS-DOCKER-5.9", "which ports are needed is a judgement (manual)"),
        ("CIS-DOCKER-5.23", "`docker exec --privileged` use is only visible in daemon audit logs"),
        ("CIS-DOCKER-5.24", "`docker exec --user=root` use is only visible in daemon audit logs"),
        ("CIS-DOCKER-5.28", "whether the image is the latest version needs a registry"),
    ]

    /// The descriptors of every check, for rule listings and SARIF.
    public static var descriptors: [RuleDescriptor] { all.map(\.descriptor) }

    /// Runs `checks` over `container` and returns their findings in check order.
    public static func run(_ container: ContainerConfig, checks: [any ContainerCheck] = all) -> [Finding] {
        checks.flatMap { $0.check(container) }
    }

    /// Sort key of `CIS-DOCKER-5.10` ([0, 5, 10]); community checks `C.…` sort after section 5.
    static func order(_ id: String) -> [Int] {
        let tail = id.dropFirst("CIS-DOCKER-".count)
        let community = tail.hasPrefix("C.")
        let numbers = tail.split(separator: ".").compactMap { Int($0) }
        return [community ? 1 : 0] + numbers
    }
}
