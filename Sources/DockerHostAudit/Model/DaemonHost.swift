/// One address dockerd listens on (`-H` / `hosts`), parsed as dockerd parses it.
public struct DaemonHost: Sendable, Hashable {
    /// The transport.
    public enum Scheme: String, Sendable, Hashable {
        case unix, tcp, fd, npipe, other
    }

    /// The address as configured.
    public var address: String
    public var scheme: Scheme
    /// Socket path (`unix`), `host:port` (`tcp`), or what follows `://`.
    public var target: String

    /// Parses `unix:///path`, `tcp://host:port`, `fd://`, or a bare `host:port` (TCP, as dockerd reads it).
    /// An empty address is dockerd's default socket.
    public init(_ address: String) {
        self.address = address
        let trimmed = address.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            scheme = .unix
            target = DaemonFacts.defaultSocketPath
            return
        }
        let parts = trimmed.splitOnce("://")
        guard let rest = parts.rest else {
            scheme = .tcp
            target = trimmed
            return
        }
        let name = parts.head.lowercased()
        target = rest
        scheme = Scheme(rawValue: name) ?? .other
        if scheme == .unix, target.isEmpty { target = DaemonFacts.defaultSocketPath }
    }

    /// True for a TCP listener (reachable over the network).
    public var isTCP: Bool { scheme == .tcp }
}

extension DaemonFacts {
    /// Every configured listener.
    public var listeners: [DaemonHost] { hosts.value.map(DaemonHost.init) }

    /// The TCP listeners.
    public var tcpListeners: [DaemonHost] { listeners.filter(\.isTCP) }

    /// The unix socket paths the daemon serves: `unix://` hosts, and the systemd socket
    /// (`/var/run/docker.sock`) for `fd://`.
    public var unixSocketPaths: [String] {
        var paths: [String] = []
        for host in listeners {
            let path: String? =
                switch host.scheme {
                case .unix: host.target
                case .fd: Self.defaultSocketPath
                default: nil
                }
            if let path, !paths.contains(path) { paths.append(path) }
        }
        return paths
    }

    /// The containerd sockets dockerd may use: `--containerd` when set, else the system socket
    /// `/run/containerd/containerd.sock` and the one dockerd starts itself under its exec root.
    public var containerdSocketPaths: [String] {
        if let address = containerdAddress.value, !address.isEmpty {
            return [address.hasPrefix("unix://") ? String(address.dropFirst("unix://".count)) : address]
        }
        let execRoot = execRoot.value ?? "/var/run/docker"
        return ["/run/containerd/containerd.sock", "\(execRoot)/containerd/containerd.sock"]
    }
}

extension String {
    /// (`unix`, `/path`) for `unix:///path`; (`self`, nil) when `separator` does not occur.
    func splitOnce(_ separator: String) -> (head: String, rest: String?) {
        let characters = Array(self), marker = Array(separator)
        guard characters.count >= marker.count else { return (self, nil) }
        for start in 0...(characters.count - marker.count)
        where Array(characters[start..<(start + marker.count)]) == marker {
            return (String(characters[..<start]), String(characters[(start + marker.count)...]))
        }
        return (self, nil)
    }

    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
