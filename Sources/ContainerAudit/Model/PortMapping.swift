/// A container port published on the host (`HostConfig.PortBindings` or `NetworkSettings.Ports`).
public struct PortMapping: Sendable, Hashable {
    /// Container port and protocol as Docker writes it (`80/tcp`).
    public var containerPort: String
    /// Host address; empty or nil means every interface.
    public var hostIP: String?
    /// Host port; empty or nil means a port Docker picks.
    public var hostPort: String?

    /// Creates a mapping.
    public init(containerPort: String, hostIP: String? = nil, hostPort: String? = nil) {
        self.containerPort = containerPort
        self.hostIP = hostIP
        self.hostPort = hostPort
    }

    /// The host port as a number, when fixed.
    public var hostPortNumber: Int? { hostPort.flatMap { Int($0) } }

    /// True when the mapping listens on every host interface.
    public var bindsAllInterfaces: Bool {
        guard let ip = hostIP, !ip.isEmpty else { return true }
        return ip == "0.0.0.0" || ip == "::" || ip == "[::]"
    }
}
