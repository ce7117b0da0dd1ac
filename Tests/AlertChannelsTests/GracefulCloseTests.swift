import Foundation
import Glibc
import Testing

@testable import AlertChannels

/// A stream whose own input was never read must still end in order: the peer gets every byte sent before the
/// close and then the end, not a reset (on which rsyslog drops the session, and with it the last messages).
@Suite struct GracefulCloseTests {
    /// The server writes to the client (which never reads it, like a TLS 1.3 server's session tickets), waits
    /// until the client has sent its messages and closed, then reads: all the messages, then the end.
    private static func deliveredAfterClose(graceful: Bool) throws -> (bytes: [UInt8], reset: Bool) {
        let listener = try LocalListener(udp: false)
        defer { listener.close() }
        let client = try SocketConnection(host: "127.0.0.1", port: listener.port, kind: .tcp, timeout: 5)
        let server = listener.accept()
        defer { Glibc.close(server) }
        let unread = [UInt8](repeating: 0x41, count: 512)
        #expect(unread.withUnsafeBytes { Glibc.send(server, $0.baseAddress, $0.count, 0) } == 512)
        // The unread bytes reach the client's receive queue before it sends and closes.
        usleep(100_000)
        let message = Array(repeating: Array("<12>1 - h app - - - message\n".utf8), count: 50).flatMap { $0 }
        try client.send(message)
        if graceful {
            // The peer only reads after the close has begun: run the close beside it.
            let done = DispatchSemaphore(value: 0)
            let box = UncheckedBox(client)
            Thread.detachNewThread {
                box.value.closeGracefully(timeout: 5)
                done.signal()
            }
            usleep(200_000)
            let received = Self.readUntilEnd(server)
            // The server closes its side too, which ends the client's wait.
            Glibc.shutdown(server, Int32(SHUT_RDWR))
            done.wait()
            return (received.bytes, received.reset)
        }
        client.close()
        usleep(200_000)
        let received = Self.readUntilEnd(server)
        return (received.bytes, received.reset)
    }

    private static func readUntilEnd(_ fd: Int32) -> (bytes: [UInt8], reset: Bool) {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                result += buffer[0..<n]
                continue
            }
            if n < 0, errno == EINTR { continue }
            return (result, n < 0 && errno == ECONNRESET)
        }
    }

    @Test func aGracefulCloseDeliversEverythingThenTheEnd() throws {
        let (bytes, reset) = try Self.deliveredAfterClose(graceful: true)
        #expect(!reset)
        #expect(bytes.count == 50 * 28)
    }

    /// What the graceful close avoids, shown on this kernel: a plain close with unread input resets the
    /// connection, so the peer's read ends in an error instead of an orderly end.
    @Test func aPlainCloseWithUnreadInputResetsTheConnection() throws {
        let (_, reset) = try Self.deliveredAfterClose(graceful: false)
        #expect(reset)
    }
}

/// Hands a non-Sendable reference to a thread that is the only one using it until the caller waits for it.
private final class UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
