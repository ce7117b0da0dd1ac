/// The typed value of one event argument.
public enum ArgumentValue: Sendable, Hashable {
    /// Free text (a name, a command).
    case string(String)
    /// A number (a file descriptor, a uid, a mode, a pid).
    case integer(Int64)
    /// A set of named flags.
    case flags(FlagSet)
    /// The endpoints of a socket.
    case socketTuple(SocketTuple)
    /// A file system path.
    case path(String)
    /// Raw bytes (the `data` buffer of read/write/sendto/recvfrom), as far as the sensor captured them.
    case bytes([UInt8])

    /// The value as Falco prints it in `evt.arg.<name>`.
    public var text: String {
        switch self {
        case .string(let s), .path(let s): return s
        case .integer(let i): return String(i)
        case .flags(let f): return f.description
        case .socketTuple(let t): return t.description
        case .bytes(let b): return ArgumentValue.printable(b)
        }
    }

    /// Bytes as Falco prints a buffer: printable ASCII as is, anything else as `.`.
    static func printable(_ bytes: [UInt8]) -> String {
        String(
            decoding: bytes.map { (0x20...0x7E).contains($0) || $0 == 0x0A || $0 == 0x09 ? $0 : 0x2E },
            as: UTF8.self
        )
    }

    /// The integer payload, or nil.
    public var integerValue: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }

    /// The string or path payload, or nil.
    public var stringValue: String? {
        switch self {
        case .string(let s), .path(let s): return s
        default: return nil
        }
    }
}
