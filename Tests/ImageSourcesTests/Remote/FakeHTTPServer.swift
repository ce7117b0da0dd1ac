import Foundation
import Glibc
import Synchronization

/// A request as the fake server saw it.
struct FakeRequest: Sendable {
    var method: String
    var target: String
    /// Header fields with lower-cased names.
    var headers: [String: String]
    /// The body (read per Content-Length).
    var body: [UInt8] = []

    /// The body as `application/x-www-form-urlencoded` fields.
    var form: [String: String] {
        var out = [String: String]()
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            out[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return out
    }

    var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
    var query: [String: [String]] {
        guard let q = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return [:] }
        var out = [String: [String]]()
        for pair in q.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).removingPercentEncoding ?? String($0)
            }
            out[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return out
    }
}

/// What the fake server does with a request.
enum FakeReply: Sendable {
    /// Writes these bytes, then closes.
    case raw([UInt8])
    /// Writes these bytes, then keeps the connection open, silent, until the server stops.
    case rawThenHang([UInt8])
    /// Accepts and never answers.
    case hang
    /// Closes at once.
    case close
    /// Writes `head`, then `chunk` `count` times (large bodies without holding them in memory).
    case repeated(head: [UInt8], chunk: [UInt8], count: Int)

    /// A response with `Content-Length`.
    static func response(
        _ status: Int,
        reason: String = "X",
        headers: [(String, String)] = [],
        body: [UInt8] = []
    ) -> FakeReply {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        return .raw(Array(head.utf8) + body)
    }

    static func json(_ status: Int, _ text: String, headers: [(String, String)] = []) -> FakeReply {
        response(status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8))
    }
}

/// A tiny HTTP/1.1 server on 127.0.0.1 (random port) or a Unix socket, for tests: each connection
/// gets one reply from the handler, on its own thread. Stops (and releases hanging connections)
/// on ``stop()``.
final class FakeHTTPServer: @unchecked Sendable {
    // Invariant: `listener` is written only in init and stop; `requests` and `open` are guarded by
    // their mutexes; `stopped` is an atomic flag.
    typealias Handler = @Sendable (FakeRequest) -> FakeReply

    let port: Int
    let unixPath: String?
    private var listener: Int32
    private let handler: Handler
    private let stopped = Atomic<Bool>(false)
    private let recorded = Mutex<[FakeRequest]>([])
    private let openConnections = Mutex<Set<Int32>>([])
    private var acceptThread: Thread?

    var requests: [FakeRequest] { recorded.withLock { $0 } }
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var hostPort: String { "127.0.0.1:\(port)" }

    init(unixPath: String? = nil, handler: @escaping Handler) throws {
        self.handler = handler
        self.unixPath = unixPath
        let fd: Int32
        if let unixPath {
            fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(unixPath.utf8)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: bytes)
                raw[bytes.count] = 0
            }
            unlink(unixPath)
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard result == 0 else { throw FakeServerError(message: "bind \(unixPath): errno \(errno)") }
            port = 0
        } else {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard result == 0 else { throw FakeServerError(message: "bind: errno \(errno)") }
            var bound = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &bound) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            port = Int(UInt16(bigEndian: bound.sin_port))
        }
        listener = fd
        guard listen(fd, 64) == 0 else { throw FakeServerError(message: "listen: errno \(errno)") }
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
        acceptThread = thread
    }

    deinit { stop() }

    func stop() {
        guard !stopped.exchange(true, ordering: .sequentiallyConsistent) else { return }
        let fds = openConnections.withLock { $0 }
        for fd in fds { shutdown(fd, Int32(SHUT_RDWR)) }
        if let unixPath { unlink(unixPath) }
        // The accept loop polls with a short timeout and closes the listener itself.
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .sequentiallyConsistent) {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { continue }
            openConnections.withLock { _ = $0.insert(fd) }
            let thread = Thread { [self] in serve(fd) }
            thread.start()
        }
        close(listener)
    }

    private func serve(_ fd: Int32) {
        defer {
            openConnections.withLock { _ = $0.remove(fd) }
            close(fd)
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var head = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var headEnd: Int?
        while head.count < 65536, headEnd == nil {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return }
            head.append(contentsOf: buffer[0..<n])
            headEnd = head.indices.dropLast(3).first { i in
                head[i] == 13 && head[i + 1] == 10 && head[i + 2] == 13 && head[i + 3] == 10
            }
        }
        guard let headEnd else { return }
        let text = String(decoding: head[0..<headEnd], as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.first?.split(separator: " ").map(String.init) ?? []
        var headers = [String: String]()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        var body = Array(head[(headEnd + 4)...])
        let length = min(Int(headers["content-length"] ?? "0") ?? 0, 1 << 20)
        while body.count < length {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            body.append(contentsOf: buffer[0..<n])
        }
        let request = FakeRequest(
            method: requestLine.first ?? "",
            target: requestLine.count > 1 ? requestLine[1] : "",
            headers: headers,
            body: body
        )
        recorded.withLock { $0.append(request) }
        switch handler(request) {
        case .raw(let bytes):
            writeAll(fd, bytes)
        case .rawThenHang(let bytes):
            writeAll(fd, bytes)
            waitUntilStopped(fd)
        case .hang:
            waitUntilStopped(fd)
        case .close:
            return
        case .repeated(let head, let chunk, let count):
            writeAll(fd, head)
            for _ in 0..<count { writeAll(fd, chunk) }
        }
    }

    private func waitUntilStopped(_ fd: Int32) {
        // Bounded: a hanging reply never outlives 60 s even if nobody stops the server.
        for _ in 0..<1200 where !stopped.load(ordering: .sequentiallyConsistent) {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 50) > 0 {
                var scratch = [UInt8](repeating: 0, count: 1024)
                let n = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return }
            }
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { return }
            offset += n
        }
    }
}

/// A loopback port nothing listens on: bound, never listened on, then closed (connecting is refused).
func closedLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw FakeServerError(message: "bind: errno \(errno)") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

struct FakeServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A private temporary directory for one test, removed by `remove()`.
struct RemoteTempDirectory {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/bulkhead-remote-test-XXXXXX").utf8CString)
        let ok = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard ok else { throw FakeServerError(message: "mkdtemp failed") }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
