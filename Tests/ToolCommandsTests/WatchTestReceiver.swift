import Foundation
import Glibc

/// A TCP receiver on 127.0.0.1 for `watch` output tests, run on its own thread: either a stream reader
/// (syslog over TCP: everything sent on one or more connections) or a tiny HTTP server that answers the
/// first `limit` requests with 200 and then closes its listening socket (a receiver that goes away).
final class WatchTestReceiver: @unchecked Sendable {
    // Invariant: `received`, `requests` and `finished` are only touched with `condition` locked.

    let port: UInt16
    private let descriptor: Int32
    private let condition = NSCondition()
    private var received: [UInt8] = []
    private var requests: [String] = []
    private var finished = false

    private init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EBADF) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            Glibc.close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    /// Accepts connections until `connections` have been read to their end, keeping every byte.
    static func stream(connections: Int = 1) throws -> WatchTestReceiver {
        let receiver = try WatchTestReceiver()
        let thread = Thread {
            for _ in 0..<connections {
                let client = receiver.acceptClient()
                guard client >= 0 else { break }
                let bytes = readAll(client)
                Glibc.close(client)
                receiver.condition.lock()
                receiver.received += bytes
                receiver.condition.unlock()
            }
            receiver.finish()
        }
        thread.start()
        return receiver
    }

    /// Answers `limit` HTTP requests with 200, then closes the listening socket: later connections are
    /// refused.
    static func http(answering limit: Int) throws -> WatchTestReceiver {
        let receiver = try WatchTestReceiver()
        let thread = Thread {
            for _ in 0..<limit {
                let client = receiver.acceptClient()
                guard client >= 0 else { break }
                let request = readRequest(client)
                let response = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
                _ = response.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                Glibc.close(client)
                receiver.condition.lock()
                receiver.requests.append(request)
                receiver.condition.unlock()
            }
            receiver.finish()
        }
        thread.start()
        return receiver
    }

    /// Waits (up to 30 s) for the receiver thread to end; returns the bytes and requests received.
    func wait() -> (bytes: [UInt8], requests: [String]) {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: 30)
        while !finished { if !condition.wait(until: deadline) { break } }
        return (received, requests)
    }

    /// Stops accepting (also unblocks a thread waiting in accept).
    func stop() {
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    private func finish() {
        Glibc.close(descriptor)
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func acceptClient() -> Int32 {
        let client = accept(descriptor, nil, nil)
        if client >= 0 {
            var timeout = timeval(tv_sec: 20, tv_usec: 0)
            _ = setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        return client
    }

    private static func readAll(_ fd: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return result }
            result += buffer[0..<n]
        }
    }

    /// Reads one HTTP request: the head, then Content-Length bytes of body.
    private static func readRequest(_ fd: Int32) -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            data += buffer[0..<n]
            guard let headEnd = (0..<max(0, data.count - 3)).first(where: { data[$0..<($0 + 4)] == [13, 10, 13, 10] })
            else { continue }
            let head = String(decoding: data[..<headEnd], as: UTF8.self).lowercased()
            var length = 0
            for line in head.split(separator: "\n") where line.hasPrefix("content-length:") {
                length = Int(line.dropFirst("content-length:".count).filter { $0.isNumber }) ?? 0
            }
            if data.count - (headEnd + 4) >= length { break }
        }
        return String(decoding: data, as: UTF8.self)
    }
}
