internal import Glibc
import OCIImage

/// A connected stream socket (Unix domain or TCP) with connect and idle timeouts.
///
/// The descriptor is non-blocking; every wait goes through `poll` with the configured timeout, so a
/// peer that stops talking produces an ``ImageError`` with code `network` instead of a hang.
final class SocketConnection: HTTPByteSource {
    private var fd: Int32
    let peerDescription: String
    private let timeouts: HTTPTimeouts

    private init(fd: Int32, peer: String, timeouts: HTTPTimeouts) {
        self.fd = fd
        self.peerDescription = peer
        self.timeouts = timeouts
    }

    deinit { close() }

    /// Connects to `endpoint` within `timeouts.connect`.
    static func connect(to endpoint: HTTPEndpoint, timeouts: HTTPTimeouts) throws(ImageError) -> SocketConnection {
        switch endpoint {
        case .unix(let path): return try connectUnix(path: path, timeouts: timeouts)
        case .tcp(let host, let port): return try connectTCP(host: host, port: port, timeouts: timeouts)
        }
    }

    func close() {
        if fd >= 0 {
            _ = Glibc.close(fd)
            fd = -1
        }
    }

    /// Sends all of `bytes`.
    func send(_ bytes: [UInt8]) throws(ImageError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                offset += n
                continue
            }
            let error = errno
            if n < 0 && error == EINTR { continue }
            if n < 0 && (error == EAGAIN || error == EWOULDBLOCK) {
                try wait(for: Int16(POLLOUT), timeout: timeouts.readMilliseconds, doing: "sending the request")
                continue
            }
            throw failure("cannot send the request: \(Self.describe(errno: error))")
        }
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            guard fd >= 0 else { throw failure("the connection is closed") }
            let n = recv(fd, base, buffer.count, 0)
            if n >= 0 { return n }
            let error = errno
            if error == EINTR { continue }
            if error == EAGAIN || error == EWOULDBLOCK {
                try wait(for: Int16(POLLIN), timeout: timeouts.readMilliseconds, doing: "waiting for data")
                continue
            }
            throw failure("cannot read from the connection: \(Self.describe(errno: error))")
        }
    }

    // MARK: - Waiting

    private func wait(for events: Int16, timeout: Int32, doing what: String) throws(ImageError) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int64(timeout)))
        while true {
            let remaining = clock.now.duration(to: deadline)
            let (seconds, attoseconds) = remaining.components
            let ms = remaining <= .zero ? 0 : Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&descriptor, 1, ms)
            if ready > 0 { return }
            if ready == 0 {
                if clock.now < deadline { continue }
                throw failure(
                    "timed out after \(HTTPTimeouts.describe(.milliseconds(Int64(timeout)))) \(what)"
                        + " (the server is connected but silent)"
                )
            }
            let error = errno
            if error == EINTR { continue }
            throw failure("poll failed while \(what): \(Self.describe(errno: error))")
        }
    }

    private func failure(_ message: String) -> ImageError {
        ImageError(code: .network, subject: peerDescription, message: message)
    }

    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }

    // MARK: - Connecting

    private static func connectUnix(path: String, timeouts: HTTPTimeouts) throws(ImageError) -> SocketConnection {
        let peer = HTTPEndpoint.unix(path: path).description
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < capacity, !pathBytes.contains(0) else {
            throw ImageError(
                code: .network,
                subject: peer,
                message: "the socket path is longer than \(capacity - 1) bytes or contains a NUL byte"
            )
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        let fd = socket(
            AF_UNIX,
            Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
            0
        )
        guard fd >= 0 else {
            throw ImageError(
                code: .network,
                subject: peer,
                message: "cannot create a socket: \(describe(errno: errno))"
            )
        }
        let connection = SocketConnection(fd: fd, peer: peer, timeouts: timeouts)
        let length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, length) }
        }
        if result != 0 {
            let error = errno
            if error == EINPROGRESS || error == EAGAIN {
                try connection.finishConnect(timeout: timeouts)
            } else {
                throw ImageError(
                    code: .network,
                    subject: peer,
                    message: "cannot connect to \(path): \(describe(errno: error))\(unixHint(error))"
                )
            }
        }
        return connection
    }

    private static func unixHint(_ error: Int32) -> String {
        switch error {
        case ENOENT: return " (no socket there: is the daemon running? DOCKER_HOST selects another socket)"
        case ECONNREFUSED: return " (nothing is listening on the socket)"
        case EACCES, EPERM: return " (permission denied: the user cannot open the socket)"
        default: return ""
        }
    }

    private static func connectTCP(host: String, port: Int, timeouts: HTTPTimeouts) throws(ImageError)
        -> SocketConnection
    {
        let peer = HTTPEndpoint.tcp(host: host, port: port).description
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = gai_strerror(status).map { String(cString: $0) } ?? "error \(status)"
            throw ImageError(code: .network, subject: peer, message: "cannot resolve host \(host): \(reason)")
        }
        defer { freeaddrinfo(first) }
        var lastError = "no address"
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            let fd = socket(
                info.pointee.ai_family,
                info.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
                info.pointee.ai_protocol
            )
            guard fd >= 0 else {
                lastError = "cannot create a socket: \(describe(errno: errno))"
                continue
            }
            let connection = SocketConnection(fd: fd, peer: peer, timeouts: timeouts)
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return connection }
            let error = errno
            if error == EINPROGRESS {
                do {
                    try connection.finishConnect(timeout: timeouts)
                    return connection
                } catch {
                    lastError = error.message
                    continue
                }
            }
            lastError = "cannot connect: \(describe(errno: error))"
        }
        throw ImageError(code: .network, subject: peer, message: lastError)
    }

    /// Waits for a non-blocking connect to complete and reads its result.
    private func finishConnect(timeout: HTTPTimeouts) throws(ImageError) {
        do {
            try wait(for: Int16(POLLOUT), timeout: timeout.connectMilliseconds, doing: "connecting")
        } catch {
            throw ImageError(
                code: .network,
                subject: peerDescription,
                message: "cannot connect: timed out after \(HTTPTimeouts.describe(timeout.connect))"
            )
        }
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else {
            throw failure("cannot connect: \(Self.describe(errno: errno))")
        }
        if code != 0 { throw failure("cannot connect: \(Self.describe(errno: code))") }
    }
}
