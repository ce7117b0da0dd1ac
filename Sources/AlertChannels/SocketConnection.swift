internal import Glibc

/// A connected IPv4/IPv6 socket (TCP stream or UDP datagram) with send/receive timeouts.
final class SocketConnection: StreamConnection {
    enum Kind { case tcp, udp }

    private(set) var descriptor: Int32
    private let kind: Kind

    /// Resolves `host` and connects; `timeout` bounds each send and receive, in seconds.
    init(host: String, port: UInt16, kind: Kind, timeout: Double) throws(AlertChannelError) {
        self.kind = kind
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(kind == .tcp ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw AlertChannelError(code: .connect, message: "cannot resolve \(host):\(port)")
        }
        defer { freeaddrinfo(list) }
        var lastError: Int32 = 0
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                Self.setTimeout(fd, seconds: timeout)
                if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    descriptor = fd
                    return
                }
                lastError = errno
                Glibc.close(fd)
            }
            entry = info.pointee.ai_next
        }
        throw AlertChannelError(
            code: .connect,
            message: "cannot connect to \(host):\(port): \(String(cString: strerror(lastError)))"
        )
    }

    /// Sends every byte (one datagram for UDP).
    func send(_ bytes: [UInt8]) throws(AlertChannelError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                Glibc.send(
                    descriptor,
                    buffer.baseAddress.map { $0 + offset },
                    bytes.count - offset,
                    Int32(MSG_NOSIGNAL)
                )
            }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = errno == EAGAIN ? "timed out" : String(cString: strerror(errno))
                throw AlertChannelError(code: .write, message: "send failed: \(reason)")
            }
            offset += n
        }
    }

    /// Reads until the peer closes or `limit` bytes arrived.
    func receiveAll(limit: Int = 65_536) throws(AlertChannelError) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while result.count < limit {
            let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AlertChannelError(code: .response, message: "receive failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            result += buffer[0..<n]
        }
        return result
    }

    /// One `recv` into `buffer`: the number of bytes read, 0 when the peer closed the connection.
    /// Throws on a broken connection or when nothing arrived within the timeout.
    func receive(into buffer: inout [UInt8]) throws(AlertChannelError) -> Int {
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if n >= 0 { return n }
            if errno == EINTR { continue }
            let reason = errno == EAGAIN ? "timed out" : String(cString: strerror(errno))
            throw AlertChannelError(code: .response, message: "receive failed: \(reason)")
        }
    }

    /// Reads what is waiting without blocking: nil when nothing is, an empty array when the peer closed
    /// the connection or it broke.
    func receiveAvailable() -> [UInt8]? {
        guard descriptor >= 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n > 0 { return Array(buffer[0..<n]) }
            if n == 0 { return [] }
            if errno == EINTR { continue }
            return errno == EAGAIN || errno == EWOULDBLOCK ? nil : []
        }
    }

    func peerHasClosed() -> Bool {
        guard kind == .tcp else { return descriptor < 0 }
        // A syslog or HTTP server sends nothing unasked: data waiting is discarded, end of stream or an
        // error means the server went away.
        while let bytes = receiveAvailable() {
            if bytes.isEmpty { return true }
        }
        return false
    }

    func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Closes a stream connection without making the peer drop what it has not read yet. Closing a socket whose
    /// own input was never read (a TLS 1.3 server's session tickets, say) sends a reset instead of an orderly end,
    /// and a reset makes the peer's kernel discard the data still waiting for it: the last messages sent. So the
    /// writing side is shut first (the peer sees the end after the queued bytes), then what the peer sends is
    /// read and dropped until it closes too, `timeout` seconds pass without a byte, or 64 KiB came.
    func closeGracefully(timeout: Double = 2) {
        guard descriptor >= 0 else { return }
        if kind == .tcp, shutdown(descriptor, Int32(SHUT_WR)) == 0 {
            Self.setTimeout(descriptor, seconds: timeout)
            _ = try? receiveAll(limit: 65_536)
        }
        close()
    }

    deinit { close() }

    private static func setTimeout(_ fd: Int32, seconds: Double) {
        let whole = Int(seconds)
        var value = timeval(tv_sec: whole, tv_usec: Int((seconds - Double(whole)) * 1_000_000))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }
}
