import Foundation
import OCIImage
import Testing

@testable import ImageSources

@Suite struct URLSessionTransportTests {
    /// Peak resident set size of this process, in bytes (VmHWM).
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kilobytes * 1024
    }

    @Test func largeBodiesStreamThroughTheSpoolWithoutBeingHeldInMemory() throws {
        let megabyte = [UInt8](repeating: 0x5A, count: 1 << 20)
        let count = 600
        let server = try FakeHTTPServer { _ in
            .repeated(
                head: Array("HTTP/1.1 200 OK\r\nContent-Length: \(count << 20)\r\n\r\n".utf8),
                chunk: megabyte,
                count: count
            )
        }
        defer { server.stop() }
        let scratch = try RemoteTempDirectory()
        defer { scratch.remove() }
        let before = try #require(Self.peakResidentBytes())
        let transport = try URLSessionTransport(timeouts: .default, scratchParent: scratch.path)
        let url = try #require(URL(string: server.baseURL + "/blob"))
        var response = try transport.send(method: "GET", url: url, headers: HTTPHeaders())
        #expect(response.status == 200)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 1)
        defer { buffer.deallocate() }
        var total = 0
        var allZ = true
        while true {
            let n = try response.body.read(into: buffer)
            if n == 0 { break }
            allZ = allZ && buffer[0] == 0x5A && buffer[n - 1] == 0x5A
            total += n
        }
        #expect(total == count << 20)
        #expect(allZ)
        let after = try #require(Self.peakResidentBytes())
        // Buffering the body would add 600 MiB; the spool keeps the growth far below that.
        #expect(after - before < 400 << 20, "peak RSS grew by \((after - before) >> 20) MiB")
        // The spool file is unlinked as soon as it is created: nothing is visible on disk.
        let spools = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        #expect(spools.count == 1)
        let spoolFiles = try spools.flatMap {
            try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/" + $0)
        }
        #expect(spoolFiles.isEmpty)
    }

    @Test func redirectsAreReturnedNotFollowed() throws {
        let server = try FakeHTTPServer { request in
            request.path == "/a" ? .response(307, headers: [("Location", "/b")]) : .response(200, body: Array("b".utf8))
        }
        defer { server.stop() }
        let transport = try URLSessionTransport(timeouts: .default, scratchParent: nil)
        let url = try #require(URL(string: server.baseURL + "/a"))
        var response = try transport.send(method: "GET", url: url, headers: ["X-Test": "1"])
        #expect(response.status == 307)
        #expect(response.headers["location"] == "/b")
        _ = try response.readBody(limit: 1024)
        #expect(server.requests.map(\.path) == ["/a"])
        #expect(server.requests.first?.headers["x-test"] == "1")
    }

    @Test func aRefusedConnectionIsANetworkError() throws {
        let port = try closedLoopbackPort()
        let transport = try URLSessionTransport(
            timeouts: HTTPTimeouts(connect: .seconds(2), read: .seconds(2)),
            scratchParent: nil
        )
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/"))
        let error = try #require(
            remoteImageError { try transport.send(method: "GET", url: url, headers: HTTPHeaders()) }
        )
        #expect(error.code == .network)
        #expect(error.subject == "http://127.0.0.1:\(port)/")
    }
}
