/// The endpoints of a socket: client and server address and port, the address family and the transport.
///
/// For a Unix socket only `unixPath` is set.
public struct SocketTuple: Sendable, Hashable, CustomStringConvertible {
    /// The address family.
    public enum Family: String, Sendable, Hashable, CaseIterable {
        case ipv4, ipv6, unix
    }

    /// The transport protocol (`fd.l4proto`).
    public enum L4Protocol: String, Sendable, Hashable, CaseIterable {
        case tcp, udp, icmp, raw, unknown
    }

    /// The fields, in one immutable shared box: copying a tuple (every socket descriptor in events and process
    /// tables holds one) retains one object instead of five arrays and strings.
    @usableFromInline let storage: Storage

    @inlinable
    public var family: Family { storage.family }
    @inlinable
    public var l4Protocol: L4Protocol { storage.l4Protocol }
    /// The connecting side.
    @inlinable
    public var clientIP: IPAddress? { storage.clientIP }
    @inlinable
    public var clientPort: UInt16? { storage.clientPort }
    /// The listening side.
    @inlinable
    public var serverIP: IPAddress? { storage.serverIP }
    @inlinable
    public var serverPort: UInt16? { storage.serverPort }
    /// The path of a Unix socket.
    @inlinable
    public var unixPath: String? { storage.unixPath }
    /// The DNS name of the client address (`fd.cip.name`), when the sensor or the recording resolved it;
    /// Bulkhead never resolves names itself.
    @inlinable
    public var clientName: String? { storage.clientName }
    /// The DNS name of the server address (`fd.sip.name`), when the sensor or the recording resolved it.
    @inlinable
    public var serverName: String? { storage.serverName }

    /// Creates a tuple.
    public init(
        family: Family,
        l4Protocol: L4Protocol = .unknown,
        clientIP: IPAddress? = nil,
        clientPort: UInt16? = nil,
        serverIP: IPAddress? = nil,
        serverPort: UInt16? = nil,
        unixPath: String? = nil,
        clientName: String? = nil,
        serverName: String? = nil
    ) {
        storage = Storage(
            family: family,
            l4Protocol: l4Protocol,
            clientIP: clientIP,
            clientPort: clientPort,
            serverIP: serverIP,
            serverPort: serverPort,
            unixPath: unixPath,
            clientName: clientName,
            serverName: serverName
        )
    }

    /// Falco's `fd.name` form: `cip:cport->sip:sport` (IPv6 addresses unbracketed), or the Unix path.
    public var description: String {
        if family == .unix { return unixPath ?? "" }
        func end(_ ip: IPAddress?, _ port: UInt16?) -> String {
            (ip?.description ?? "") + ":" + (port.map { String($0) } ?? "")
        }
        return end(clientIP, clientPort) + "->" + end(serverIP, serverPort)
    }

    /// The stored fields of a tuple; immutable, so shared freely.
    @usableFromInline
    final class Storage: Hashable, Sendable {
        @usableFromInline let family: Family
        @usableFromInline let l4Protocol: L4Protocol
        @usableFromInline let clientIP: IPAddress?
        @usableFromInline let clientPort: UInt16?
        @usableFromInline let serverIP: IPAddress?
        @usableFromInline let serverPort: UInt16?
        @usableFromInline let unixPath: String?
        @usableFromInline let clientName: String?
        @usableFromInline let serverName: String?

        init(
            family: Family,
            l4Protocol: L4Protocol,
            clientIP: IPAddress?,
            clientPort: UInt16?,
            serverIP: IPAddress?,
            serverPort: UInt16?,
            unixPath: String?,
            clientName: String?,
            serverName: String?
        ) {
            self.family = family
            self.l4Protocol = l4Protocol
            self.clientIP = clientIP
            self.clientPort = clientPort
            self.serverIP = serverIP
            self.serverPort = serverPort
            self.unixPath = unixPath
            self.clientName = clientName
            self.serverName = serverName
        }

        @usableFromInline
        static func == (a: Storage, b: Storage) -> Bool {
            a === b
                || (a.family == b.family && a.l4Protocol == b.l4Protocol && a.clientIP == b.clientIP
                    && a.clientPort == b.clientPort && a.serverIP == b.serverIP && a.serverPort == b.serverPort
                    && a.unixPath == b.unixPath && a.clientName == b.clientName && a.serverName == b.serverName)
        }

        @usableFromInline
        func hash(into hasher: inout Hasher) {
            hasher.combine(family)
            hasher.combine(l4Protocol)
            hasher.combine(clientIP)
            hasher.combine(clientPort)
            hasher.combine(serverIP)
            hasher.combine(serverPort)
            hasher.combine(unixPath)
            hasher.combine(clientName)
            hasher.combine(serverName)
        }
    }
}
