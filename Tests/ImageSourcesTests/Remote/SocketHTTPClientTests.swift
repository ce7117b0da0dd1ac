import Foundation
import OCIImage
import TestSupport
import Testing

@testable import ImageSources

/// Reads a whole stream (test helper).
func remoteDrain(_ stream: inout any ByteStream, chunk: Int = 7) throws(ImageError) -> [UInt8] {
    var out = [UInt8]()
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 1)
    defer { buffer.deallocate() }
    while true {
        let n = try stream.read(into: buffer)
        if n == 0 { return out }
        out.append(contentsOf: buffer[0..<n])
    }
}

/// Runs `body` and returns the ImageError it threw (nil when it did not throw, or threw another error).
func remoteImageError<T>(_ body: () throws -> T) -> ImageError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? ImageError
    }
}

@Suite struct SocketHTTPClientTests {
    let fast = HTTPTimeouts(connect: .seconds(5), read: .milliseconds(400))

    private func get(_ server: FakeHTTPServer, _ target: String = "/x", headers: HTTPHeaders = HTTPHeaders())
        throws(ImageError) -> (HTTPResponse, [UInt8])
    {
        let client = SocketHTTPClient(endpoint: .tcp(host: "127.0.0.1", port: server.port), timeouts: fast)
        var response = try client.send(HTTPRequest(method: "GET", target: target, headers: headers))
        let body = try remoteDrain(&response.body)
        return (response, body)
    }

    @Test func readsAContentLengthBody() throws {
        let server = try FakeHTTPServer { _ in
            .response(200, reason: "OK", headers: [("X-Test", "yes")], body: Array("hello".utf8))
        }
        defer { server.stop() }
        let (response, body) = try get(server)
        #expect(response.status == 200)
        #expect(response.reason == "OK")
        #expect(response.headers["x-test"] == "yes")
        #expect(body == Array("hello".utf8))
    }

    @Test func sendsHostConnectionCloseAndCustomHeaders() throws {
        let server = try FakeHTTPServer { _ in .response(204) }
        defer { server.stop() }
        let (response, body) = try get(server, "/v2/?a=b", headers: ["Accept": "application/json"])
        #expect(response.status == 204)
        #expect(body.isEmpty)
        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.target == "/v2/?a=b")
        #expect(request.headers["host"] == "127.0.0.1:\(server.port)")
        #expect(request.headers["connection"] == "close")
        #expect(request.headers["accept"] == "application/json")
    }

    @Test func decodesChunkedBodiesWithExtensionsAndTrailers() throws {
        let raw =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;name=value\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n"
        let server = try FakeHTTPServer { _ in .raw(Array(raw.utf8)) }
        defer { server.stop() }
        let (_, body) = try get(server)
        #expect(String(decoding: body, as: UTF8.self) == "hello world")
    }

    @Test func readsUntilCloseWithoutLength() throws {
        let server = try FakeHTTPServer { _ in .raw(Array("HTTP/1.0 200 OK\r\n\r\nall of it".utf8)) }
        defer { server.stop() }
        let (_, body) = try get(server)
        #expect(String(decoding: body, as: UTF8.self) == "all of it")
    }

    @Test func skipsInterimResponses() throws {
        let raw = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        let server = try FakeHTTPServer { _ in .raw(Array(raw.utf8)) }
        defer { server.stop() }
        let (response, body) = try get(server)
        #expect(response.status == 200)
        #expect(body == Array("ok".utf8))
    }

    @Test func worksOverAUnixSocket() throws {
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        let path = dir.path + "/api.sock"
        let server = try FakeHTTPServer(unixPath: path) { request in
            .json(200, "{\"path\":\"\(request.target)\"}")
        }
        defer { server.stop() }
        let client = SocketHTTPClient(endpoint: .unix(path: path), timeouts: fast)
        var response = try client.send(HTTPRequest(target: "/_ping"))
        let body = try remoteDrain(&response.body)
        #expect(String(decoding: body, as: UTF8.self) == "{\"path\":\"/_ping\"}")
        #expect(server.requests.first?.headers["host"] == "localhost")
    }

    @Test func garbageInsteadOfHTTPIsAClearError() throws {
        let server = try FakeHTTPServer { _ in .raw(Array("SSH-2.0-OpenSSH_9.2\r\n\r\n".utf8)) }
        defer { server.stop() }
        let error = try #require(remoteImageError { try get(server) })
        #expect(error.code == .network)
        #expect(error.message.contains("malformed HTTP status line"))
        #expect(error.message.contains("SSH-2.0"))
        #expect(error.subject == "tcp://127.0.0.1:\(server.port)")
    }

    @Test func binaryNoiseIsAClearError() throws {
        var generator = SplitMix64(seed: 7)
        let noise = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let server = try FakeHTTPServer { _ in .raw(noise) }
        defer { server.stop() }
        let error = try #require(remoteImageError { try get(server) })
        #expect(error.code == .network || error.code == .truncated)
    }

    @Test func aServerThatClosesAtOnceIsReported() throws {
        let server = try FakeHTTPServer { _ in .close }
        defer { server.stop() }
        let error = try #require(remoteImageError { try get(server) })
        #expect(error.code == .network)
        #expect(error.message.contains("closed the connection without sending a response"))
    }

    @Test func aHangingServerTimesOut() throws {
        let server = try FakeHTTPServer { _ in .hang }
        defer { server.stop() }
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(remoteImageError { try get(server) })
        #expect(error.code == .network)
        #expect(error.message.contains("timed out after 0.4 s"))
        #expect(clock.now - start < .seconds(10))
    }

    @Test func aBodyThatStallsTimesOut() throws {
        let server = try FakeHTTPServer { _ in
            .rawThenHang(Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly some".utf8))
        }
        defer { server.stop() }
        let error = try #require(remoteImageError { try get(server) })
        #expect(error.code == .network)
        #expect(error.message.contains("timed out"))
    }

    @Test func aShortContentLengthBodyIsTruncated() throws {
        let server = try FakeHTTPServer { _ in .raw(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8)) }
        defer { server.stop() }
        let error = try #require(remoteImageError { try get(server) })
        #expect(error.code == .truncated)
        #expect(error.message.contains("after 3 of 10 bytes"))
    }

    @Test(arguments: [
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
        "HTTP/1.1 200 OK\r\nbroken header line\r\n\r\n",
        "HTTP/1.1 2x0 OK\r\n\r\n",
        "HTTP/2 200\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n",
    ])
    func malformedResponsesAreErrors(_ raw: String) throws {
        let server = try FakeHTTPServer { _ in .raw(Array(raw.utf8)) }
        defer { server.stop() }
        let error = try #require(remoteImageError { try get(server) })
        #expect(error.code == .network || error.code == .truncated, "\(error)")
        #expect(!error.message.isEmpty)
    }

    @Test func aMissingUnixSocketSaysSo() throws {
        let client = SocketHTTPClient(endpoint: .unix(path: "/nonexistent/bulkhead/docker.sock"), timeouts: fast)
        let error = try #require(remoteImageError { try client.send(HTTPRequest(target: "/_ping")) })
        #expect(error.code == .network)
        #expect(error.subject == "unix:///nonexistent/bulkhead/docker.sock")
        #expect(error.message.contains("No such file or directory"))
        #expect(error.message.contains("is the daemon running"))
    }

    @Test func aClosedPortIsConnectionRefused() throws {
        let port = try closedLoopbackPort()
        let client = SocketHTTPClient(endpoint: .tcp(host: "127.0.0.1", port: port), timeouts: fast)
        let error = try #require(remoteImageError { try client.send(HTTPRequest(target: "/")) })
        #expect(error.code == .network)
        #expect(error.subject == "tcp://127.0.0.1:\(port)")
        #expect(error.message.contains("Connection refused"))
    }

    @Test func headerInjectionIsRefused() throws {
        let client = SocketHTTPClient(endpoint: .tcp(host: "127.0.0.1", port: 1), timeouts: fast)
        let error = try #require(
            remoteImageError { try client.send(HTTPRequest(target: "/", headers: ["X-Evil": "a\r\nInjected: 1"])) }
        )
        #expect(error.code == .malformed)
        let badTarget = try #require(remoteImageError { try client.send(HTTPRequest(target: "/a b")) })
        #expect(badTarget.code == .malformed)
    }

    @Test func aLargeBodyStreamsIntact() throws {
        var generator = SplitMix64(seed: 42)
        let payload = (0..<3_000_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let server = try FakeHTTPServer { _ in .response(200, body: payload) }
        defer { server.stop() }
        let client = SocketHTTPClient(endpoint: .tcp(host: "127.0.0.1", port: server.port), timeouts: fast)
        var response = try client.send(HTTPRequest(target: "/blob"))
        let body = try remoteDrain(&response.body, chunk: 65536)
        #expect(body.count == payload.count)
        #expect(body == payload)
    }
}
