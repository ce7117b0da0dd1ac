public import SecurityModel

/// The explicit catalogue of `bulkhead audit docker`'s daemon and host-file checks: CIS Docker Benchmark v1.6.0
/// section 2 (daemon configuration), section 3 (daemon configuration files), 5.1 (Swarm mode, a daemon fact), and
/// DOCKERD-0001 (a configuration dockerd would refuse), with helpers to run them.
///
/// The Manual checks 2.1, 2.8 and 2.17 are informational (severity `info`) and report only what the facts answer;
/// every section 2 and 3 check is therefore here, and ``notAutomated`` is empty.
public enum DockerHostCatalogue {
    /// Every daemon check, in id order (DOCKERD-0001 last).
    public static let daemonChecks: [any DaemonCheck] = [
        RootlessMode(), InterContainerCommunication(), LogLevel(), IptablesManagement(), InsecureRegistries(),
        AufsStorageDriver(), TLSAuthentication(), DefaultUlimit(), UserNamespaceRemap(), CgroupParent(),
        BaseDeviceSize(), AuthorizationPlugin(), RemoteLogging(), NoNewPrivileges(), LiveRestore(), UserlandProxy(),
        SeccompProfile(), ExperimentalFeatures(), SwarmMode(), DaemonConfigurationRejected(), MandatoryAccessControl(),
    ]

    /// Every host-file check (3.1 to 3.24), in id order.
    public static let fileChecks: [any HostFileCheck] = FileAccessCheck.all.map { $0 as any HostFileCheck }

    /// Benchmark ids of sections 2 and 3 not checked, with the reason. Empty: the Manual checks (2.1, 2.8, 2.17)
    /// are informational checks in ``daemonChecks``.
    public static let notAutomated: [(id: String, reason: String)] = []

    /// The descriptors of every check, for rule listings and SARIF.
    public static var descriptors: [RuleDescriptor] {
        daemonChecks.map(\.descriptor) + fileChecks.map(\.descriptor)
    }

    /// What the adapter must examine on the host for `daemon`.
    public static func plan(_ daemon: DaemonFacts, checks: [any HostFileCheck] = fileChecks) -> HostFilePlan {
        HostFilePlan(daemon: daemon, checks: checks)
    }

    /// Runs the daemon checks and returns one result per check, in check order.
    public static func evaluate(_ daemon: DaemonFacts, checks: [any DaemonCheck] = daemonChecks) -> [CheckResult] {
        checks.map { $0.evaluate(daemon) }
    }

    /// Runs the host-file checks and returns one result per check, in check order.
    public static func evaluate(
        _ host: HostSnapshot,
        daemon: DaemonFacts,
        checks: [any HostFileCheck] = fileChecks
    ) -> [CheckResult] {
        checks.map { $0.evaluate(host, daemon: daemon) }
    }

    /// Every finding of the daemon checks and, when `host` is given, of the host-file checks, in check order.
    public static func run(_ daemon: DaemonFacts, host: HostSnapshot? = nil) -> [Finding] {
        var results = evaluate(daemon)
        if let host { results += evaluate(host, daemon: daemon) }
        return results.flatMap(\.findings)
    }
}
