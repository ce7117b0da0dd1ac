import Foundation
import Glibc

/// A tiny HTTP server on a Unix socket standing in for the Docker Engine: answers each request with what
/// `answer` returns for its target (status and body), or, while ``isAway`` is set, closes every connection
/// at once, as a daemon that is going down does. Counts the connections it refused.
final class FakeDockerEngine: @unchecked Sendable {
    let socketPath: String
    private let condition = NSCondition()
    private var away = false
    private var refused = 0
    private var targets: [String] = []
    private var listener: Int32 = -1
    private var stopped = false
    private var running = false
    private let answer: @Sendable (String) -> (status: Int, body: String)

    /// A server that accepts connections and never answers (a hung daemon), when `silent`.
    private let silent: Bool

    init(
        silent: Bool = false,
        answer: @escaping @Sendable (String) -> (status: Int, body: String) = { _ in (404, "{}") }
    ) throws {
        self.silent = silent
        socketPath = NSTemporaryDirectory() + "/bulkhead-test-b-\(UInt32.random(in: 0...UInt32.max)).sock"
        self.answer = answer
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw CocoaError(.fileWriteUnknown) }
        running = true
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var dockerHost: String { "unix://" + socketPath }

    var isAway: Bool {
        get { condition.withLock { away } }
        set { condition.withLock { away = newValue } }
    }

    /// The request targets answered so far.
    var answeredTargets: [String] { condition.withLock { targets } }

    /// Waits until at least `count` connections were refused while away, at most `timeout` seconds.
    func waitForRefusals(_ count: Int, timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while refused < count {
            if !condition.wait(until: deadline) { return refused >= count }
        }
        return true
    }

    func stop() {
        condition.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        condition.lock()
        while running { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05)) }
        condition.unlock()
        close(listener)
        unlink(socketPath)
    }

    private func serve() {
        while true {
            var pollDescriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pollDescriptor, 1, 50)
            if condition.withLock({ stopped }) { break }
            guard ready > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            handle(connection)
            close(connection)
        }
        condition.withLock {
            running = false
            condition.broadcast()
        }
    }

    private func handle(_ connection: Int32) {
        if silent {
            // Hold the connection open, saying nothing, until the client gives up (or the server stops).
            var descriptor = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            while !condition.withLock({ stopped }) {
                if poll(&descriptor, 1, 50) > 0 {
                    var byte: UInt8 = 0
                    if recv(connection, &byte, 1, 0) <= 0 { return }
                }
            }
            return
        }
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.contains(0x0A) || !String(decoding: request, as: UTF8.self).contains("\r\n\r\n") {
            let n = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return }
            request += buffer[0..<n]
        }
        let isAway = condition.withLock { () -> Bool in
            if away {
                refused += 1
                condition.broadcast()
            }
            return away
        }
        if isAway { return }
        let line = String(decoding: request.prefix { $0 != 0x0D }, as: UTF8.self)
        let target = line.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        condition.withLock { targets.append(target) }
        let (status, body) = answer(target)
        let response =
            "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\n\r\n" + body
        let bytes = Array(response.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
            offset += n
        }
    }
}
