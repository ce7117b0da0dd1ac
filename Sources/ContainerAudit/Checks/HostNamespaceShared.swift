public import SecurityModel

/// CIS-DOCKER-5.10, 5.16, 5.17, 5.21, 5.31: the container shares one of the host's namespaces
/// (network, PID, IPC, UTS, user). One type, one rule per namespace.
public struct HostNamespaceShared: ContainerCheck {
    /// A host namespace a container can join.
    public enum Namespace: String, Sendable, CaseIterable {
        case network, pid, ipc, uts, user
    }

    /// The namespace this rule checks.
    public let namespace: Namespace
    public let descriptor: RuleDescriptor

    /// The five rules, in namespace order.
    public static let all: [HostNamespaceShared] = Namespace.allCases.map { HostNamespaceShared($0) }

    /// The rule for `namespace`.
    public init(_ namespace: Namespace) {
        self.namespace = namespace
        let (number, title, severity, flag, compose): (String, String, Severity, String, String)
        switch namespace {
        case .network:
            (number, title, severity, flag, compose) = (
                "5.10", "The host's network namespace is shared", .high, "--network=host", "network_mode: host"
            )
        case .pid:
            (number, title, severity, flag, compose) = (
                "5.16", "The host's process namespace is shared", .high, "--pid=host", "pid: host"
            )
        case .ipc:
            (number, title, severity, flag, compose) = (
                "5.17", "The host's IPC namespace is shared", .high, "--ipc=host", "ipc: host"
            )
        case .uts:
            (number, title, severity, flag, compose) = (
                "5.21", "The host's UTS namespace is shared", .medium, "--uts=host", "uts: host"
            )
        case .user:
            (number, title, severity, flag, compose) = (
                "5.31", "The host's user namespace is shared", .medium, "--userns=host", "userns_mode: host"
            )
        }
        descriptor = .cisDocker(
            number,
            slug: "host-\(namespace.rawValue)-namespace",
            title: title,
            severity: severity,
            remediation: "Remove `\(flag)` from `docker run`; Compose: remove `\(compose)`."
        )
    }

    /// The inspect field and its value for this namespace.
    func mode(_ host: HostConfig) -> (field: String, value: String?) {
        switch namespace {
        case .network: ("HostConfig.NetworkMode", host.networkMode)
        case .pid: ("HostConfig.PidMode", host.pidMode)
        case .ipc: ("HostConfig.IpcMode", host.ipcMode)
        case .uts: ("HostConfig.UTSMode", host.utsMode)
        case .user: ("HostConfig.UsernsMode", host.usernsMode)
        }
    }

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard let host = container.hostConfig else { return [] }
        let (field, value) = mode(host)
        guard value?.lowercased() == "host" else { return [] }
        return [
            finding(
                container,
                "\(field) is `host`: the container shares the host's \(namespace.rawValue) namespace",
                fieldPath: field
            )
        ]
    }
}
