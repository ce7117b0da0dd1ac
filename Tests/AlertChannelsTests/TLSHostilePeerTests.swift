import AlertChannels
import Foundation
import Glibc
import TestSupport
import Testing

/// The TLS client against servers that answer garbage or nothing: a clean error, never a crash or hang.
@Suite struct TLSHostilePeerTests {
    /// Answers each of `replies.count` connections with the next reply after reading the ClientHello,
    /// then closes it; on its own thread (blocking accept must not occupy the cooperative pool).
    static func serve(_ listener: LocalListener, replies: [[UInt8]]) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        Thread {
            for reply in replies {
                let fd = listener.accept()
                var buffer = [UInt8](repeating: 0, count: 4096)
                _ = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                _ = reply.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                Glibc.close(fd)
            }
            done.signal()
        }.start()
        return done
    }

    @Test func garbageFromTheServerIsATLSError() throws {
        var random = SplitMix64(seed: 0x7151_05E1)
        var replies: [[UInt8]] = [[], Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8)]
        for _ in 0..<60 {
            let length = Int(random.next() % 600)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if random.oneIn(2) {
                // A plausible handshake record header, so the parser goes past the first byte.
                let recordLength = UInt16(truncatingIfNeeded: random.next() % 700)
                bytes =
                    [0x16, 0x03, random.pick([0x01, 0x03]), UInt8(recordLength >> 8), UInt8(recordLength & 0xFF)]
                    + [random.pick([0x02, 0x0B, 0x0E, 0x0F])] + bytes
            }
            replies.append(bytes)
        }
        let listener = try LocalListener(udp: false)
        let done = Self.serve(listener, replies: replies)
        let channel = SyslogChannel(
            host: "127.0.0.1",
            port: listener.port,
            transport: .tls(TLSClientConfiguration()),
            hostname: "h",
            timeout: 10
        )
        for n in replies.indices {
            let result = Result { () throws(AlertChannelError) in
                try channel.send(AlertMessage(text: "x", time: 0, severity: 4))
            }
            switch result {
            case .success:
                Issue.record("reply \(n) was accepted as a TLS server")
            case .failure(let error):
                #expect(error.code == .tls, "\(n): \(error)")
                #expect(
                    error.message.hasPrefix("syslog-tls 127.0.0.1:\(listener.port): TLS handshake failed: "),
                    "\(n): \(error)"
                )
                if n == 0 {
                    #expect(error.message.hasSuffix("TLS handshake failed: the server closed the connection"))
                }
            }
        }
        #expect(done.wait(timeout: .now() + 30) == .success)
        channel.close()
    }

    @Test func silentServerTimesOut() throws {
        // Connections complete in the kernel's backlog; nobody ever answers the ClientHello.
        let listener = try LocalListener(udp: false)
        let channel = SyslogChannel(
            host: "127.0.0.1",
            port: listener.port,
            transport: .tls(TLSClientConfiguration()),
            hostname: "h",
            timeout: 0.2
        )
        #expect {
            try channel.send(AlertMessage(text: "x", time: 0, severity: 4))
        } throws: { error in
            (error as? AlertChannelError)?.message
                == "syslog-tls 127.0.0.1:\(listener.port): TLS handshake: receive failed: timed out"
        }
        channel.close()
    }
}
