/// What a file descriptor refers to: number, kind, name (path or socket endpoints) and socket tuple.
public struct FileDescriptorInfo: Sendable, Hashable {
    /// The kind of object behind a file descriptor (`fd.type`), with Falco's one-letter code (`fd.typechar`).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case file, directory, ipv4, ipv6, unix, pipe, event, signalfd, eventpoll, inotify, timerfd, netlink, bpf
        case userfaultfd
        case ioUring = "io_uring"
        case memfd
        case unknown

        /// `fd.typechar`.
        public var typeChar: String {
            switch self {
            case .file: return "f"
            case .directory: return "d"
            case .ipv4: return "4"
            case .ipv6: return "6"
            case .unix: return "u"
            case .pipe: return "p"
            case .event: return "e"
            case .signalfd: return "s"
            case .eventpoll: return "l"
            case .inotify: return "i"
            case .timerfd: return "t"
            case .netlink: return "n"
            case .bpf: return "b"
            case .userfaultfd: return "u"
            case .ioUring: return "r"
            case .memfd: return "m"
            case .unknown: return "o"
            }
        }

        /// True for IPv4 and IPv6 sockets.
        public var isIPSocket: Bool { self == .ipv4 || self == .ipv6 }
    }

    /// The descriptor number (`fd.num`); -1 when an open failed.
    public var number: Int64
    /// The kind of object.
    public var kind: Kind
    /// The path, or for a socket its `client->server` text (`fd.name`).
    public var name: String
    /// The endpoints of a socket.
    public var tuple: SocketTuple?
    /// For a socket: true on the accepting (server) side, false on the connecting side, nil when unknown.
    public var isServer: Bool?

    /// Creates a descriptor.
    public init(number: Int64, kind: Kind, name: String, tuple: SocketTuple? = nil, isServer: Bool? = nil) {
        self.number = number
        self.kind = kind
        self.name = name
        self.tuple = tuple
        self.isServer = isServer
    }
}
