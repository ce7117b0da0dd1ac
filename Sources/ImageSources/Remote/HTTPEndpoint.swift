public import OCIImage

/// Where an HTTP server listens: a Unix domain socket or a TCP host and port.
public enum HTTPEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// A Unix domain socket at an absolute path.
    case unix(path: String)
    /// A TCP host (name or IP literal, IPv6 without brackets) and port.
    case tcp(host: String, port: Int)

    /// The default Docker Engine socket.
    public static let defaultDockerSocket = "/var/run/docker.sock"

    /// `unix:///var/run/docker.sock` or `tcp://127.0.0.1:2375`, the `DOCKER_HOST` syntax.
    public var description: String {
        switch self {
        case .unix(let path): return "unix://\(path)"
        case .tcp(let host, let port): return "tcp://\(Self.bracketed(host)):\(port)"
        }
    }

    /// The value of a `Host` header for this endpoint.
    var hostHeader: String {
        switch self {
        case .unix: return "localhost"
        case .tcp(let host, let port): return "\(Self.bracketed(host)):\(port)"
        }
    }

    /// The Docker Engine endpoint named by `DOCKER_HOST` in `environment` (`unix:///path` or
    /// `tcp://host:port`), or the default socket when it is unset or empty.
    ///
    /// TLS to the engine (`DOCKER_TLS_VERIFY`, `DOCKER_CERT_PATH`), `ssh://` and `npipe://` are not
    /// supported and are reported as such rather than silently ignored.
    public static func dockerHost(environment: [String: String]) throws(ImageError) -> HTTPEndpoint {
        guard let value = environment["DOCKER_HOST"].map(RemoteText.trimmed), !value.isEmpty else {
            return .unix(path: defaultDockerSocket)
        }
        return try parseDockerHost(value, tlsRequested: (environment["DOCKER_TLS_VERIFY"] ?? "").isEmpty == false)
    }

    /// Parses a `DOCKER_HOST` value.
    public static func parseDockerHost(_ value: String, tlsRequested: Bool = false) throws(ImageError) -> HTTPEndpoint {
        func failure(_ why: String) -> ImageError {
            ImageError(code: .unsupportedFormat, subject: "DOCKER_HOST", message: "\"\(value)\": \(why)")
        }
        if value.hasPrefix("unix://") {
            let path = String(value.dropFirst("unix://".count))
            guard path.hasPrefix("/") else { throw failure("a unix socket needs an absolute path (unix:///path)") }
            guard !path.utf8.contains(0) else { throw failure("the socket path contains a NUL byte") }
            return .unix(path: path)
        }
        if value.hasPrefix("tcp://") || value.hasPrefix("http://") {
            if tlsRequested {
                throw failure(
                    "TLS to the Docker Engine (DOCKER_TLS_VERIFY) is not supported; use a unix socket or plain tcp"
                )
            }
            var rest = Substring(value.drop { $0 != "/" }.dropFirst(2))
            if let slash = rest.firstIndex(of: "/") {
                guard rest[slash...] == "/" else { throw failure("a path after host:port is not supported") }
                rest = rest[..<slash]
            }
            guard let (host, port) = splitHostPort(rest, defaultPort: 2375) else {
                throw failure("expected tcp://host:port")
            }
            return .tcp(host: host, port: port)
        }
        if value.hasPrefix("/") { return .unix(path: value) }
        throw failure("only unix:// and tcp:// Docker hosts are supported")
    }

    /// Splits `host[:port]` / `[v6]:port`; nil when malformed.
    static func splitHostPort(_ text: Substring, defaultPort: Int?) -> (String, Int)? {
        var host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard !host.contains(":") else { return nil }
        } else {
            host = text
        }
        guard !host.isEmpty, host.utf8.allSatisfy(isHostByte) else { return nil }
        let port: Int
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                let value = Int(portText), value > 0, value < 65536
            else { return nil }
            port = value
        } else {
            guard let defaultPort else { return nil }
            port = defaultPort
        }
        return (String(host), port)
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":"),
            UInt8(ascii: "_"), UInt8(ascii: "%"):
            return true
        default: return false
        }
    }

    static func bracketed(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
}
