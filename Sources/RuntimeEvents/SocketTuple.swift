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
    @usableFromInline let storage: SharedBox<Fields>

    @inlinable
    public var family: Family { storage.value.family }
    @inlinable
    public var l4Protocol: L4Protocol { storage.value.l4Protocol }
    /// The connecting side.
    @inlinable
    public var clientIP: IPAddress? { storage.value.clientIP }
    @inlinable
    public var clientPort: UInt16? { storage.value.clientPort }
    /// The listening side.
    @inlinable
    public var serverIP: IPAddress? { storage.value.serverIP }
    @inlinable
    public var serverPort: UInt16? { storage.value.serverPort }
    /// The path of a Unix socket.
    @inlinable
    public var unixPath: String? { storage.value.unixPath }
    /// The DNS name of the client address (`fd.cip.name`), when the sensor or the recording resolved it;
    /// Bulkhead never resolves names itself.
    @inlinable
    public var clientName: String? { storage.value.clientName }
    /// The DNS name of the server address (`fd.sip.name`), when the sensor or the recording resolved it.
    @inlinable
    public var serverName: String? { storage.value.serverName }

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
        storage = SharedBox(
            Fields(
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

    /// The stored fields of a tuple, kept together in one ``SharedBox``.
    @usableFromInline
    struct Fields: Hashable, Sendable {
        @usableFromInline let family: Family
        @usableFromInline let l4Protocol: L4Protocol
        @usableFromInline let clientIP: IPAddress?
        @usableFromInline let clientPort: UInt16?
        @usableFromInline let serverIP: IPAddress?
        @usableFromInline let serverPort: UInt16?
        @usableFromInline let unixPath: String?
        @usableFromInline let clientName: String?
        @usableFromInline let serverName: String?
    }
}
