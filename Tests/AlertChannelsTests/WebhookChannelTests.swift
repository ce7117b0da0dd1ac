import AlertChannels
import Foundation
import Testing

@Suite struct WebhookChannelTests {
    struct Request: Sendable {
        var head: String
        var body: String
    }

    /// The requests a server thread received, available once it has answered them all.
    final class Served: @unchecked Sendable {
        // Invariant: `requests` is written by the server thread before `done` is signalled, read after.
        var requests: [Request] = []
        let done = DispatchSemaphore(value: 0)

        var value: [Request] {
            done.wait()
            return requests
        }
    }

    /// Serves `statuses.count` requests on its own thread (blocking accept must not occupy the
    /// cooperative pool), answering each with the next status.
    static func serve(_ listener: LocalListener, statuses: [Int]) -> Served {
        let served = Served()
        Thread {
            var requests: [Request] = []
            for status in statuses {
                let fd = listener.accept()
                var data: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                var request: Request?
                while request == nil {
                    let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    if n <= 0 { break }
                    data += buffer[0..<n]
                    let text = String(decoding: data, as: UTF8.self)
                    guard let split = text.range(of: "\r\n\r\n") else { continue }
                    let head = String(text[..<split.lowerBound])
                    let length =
                        head.split(separator: "\r\n")
                        .first { $0.lowercased().hasPrefix("content-length:") }
                        .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                    let body = String(text[split.upperBound...])
                    if body.utf8.count >= length { request = Request(head: head, body: body) }
                }
                let reply = "HTTP/1.1 \(status) X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                _ = reply.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                Glibc.close(fd)
                if let request { requests.append(request) }
            }
            served.requests = requests
            served.done.signal()
        }.start()
        return served
    }

    @Test func postsJSONWithHMACAfterRetry() throws {
        let listener = try LocalListener(udp: false)
        let server = Self.serve(listener, statuses: [503, 200])
        let url = try #require(URL(string: "http://127.0.0.1:\(listener.port)/alerts"))
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let channel = try WebhookChannel(url: url, secret: "Jefe", attempts: 3, backoff: 0.01)
        let body = "what do ya want for nothing?"
        try channel.send(AlertMessage(text: body, time: 0, severity: 4))
        let requests = server.value
        #expect(requests.count == 2)
        let last = try #require(requests.last)
        #expect(last.head.hasPrefix("POST /alerts HTTP/1.1\r\n"))
        #expect(last.body == body)
        let lines = last.head.split(separator: "\r\n").map(String.init)
        #expect(lines.contains("Content-Type: application/json"))
        #expect(
            lines.contains(
                "X-Bulkhead-Signature: sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            )
        )
    }

    @Test func givesUpAfterAttempts() throws {
        let listener = try LocalListener(udp: false)
        let server = Self.serve(listener, statuses: [500, 500])
        let url = try #require(URL(string: "http://127.0.0.1:\(listener.port)/"))
        let channel = try WebhookChannel(url: url, attempts: 2, backoff: 0.01)
        #expect(throws: AlertChannelError.self) { try channel.send(AlertMessage(text: "{}", time: 0, severity: 4)) }
        #expect(server.value.count == 2)
    }

    @Test func rejectsOtherSchemes() throws {
        for text in ["ftp://example.com/", "file:///tmp/x", "https:///nohost"] {
            let url = try #require(URL(string: text))
            #expect(throws: AlertChannelError.self) { _ = try WebhookChannel(url: url) }
        }
    }
}
