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

    public var family: Family
    public var l4Protocol: L4Protocol
    /// The connecting side.
    public var clientIP: IPAddress?
    public var clientPort: UInt16?
    /// The listening side.
    public var serverIP: IPAddress?
    public var serverPort: UInt16?
    /// The path of a Unix socket.
    public var unixPath: String?
    /// The DNS name of the client address (`fd.cip.name`), when the sensor or the recording resolved it;
    /// Bulkhead never resolves names itself.
    public var clientName: String?
    /// The DNS name of the server address (`fd.sip.name`), when the sensor or the recording resolved it.
    public var serverName: String?

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

    /// Falco's `fd.name` form: `cip:cport->sip:sport` (IPv6 addresses unbracketed), or the Unix path.
    public var description: String {
        if family == .unix { return unixPath ?? "" }
        func end(_ ip: IPAddress?, _ port: UInt16?) -> String {
            (ip?.description ?? "") + ":" + (port.map { String($0) } ?? "")
        }
        return end(clientIP, clientPort) + "->" + end(serverIP, serverPort)
    }
}
