import Foundation
import OCIImage
import SecurityModel
import Synchronization
import Testing

@testable import ImageSources

/// A stand-in for DockerArchiveSource: reports the archive path it was given.
struct RecordingArchiveSource: ImageSource {
    let path: String
    let reference: String
    let configDigest: String?

    func resolve() throws(ImageError) -> ResolvedImage {
        let bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
        return ResolvedImage(
            metadata: ImageMetadata(reference: "archive:" + path, configDigest: configDigest),
            configBytes: bytes,
            layers: [LayerInfo(digest: "sha256:" + String(repeating: "c", count: 64))]
        )
    }

    func openLayer(_ layer: LayerInfo, index: Int) throws(ImageError) -> any ByteStream {
        MemoryByteStream(Array(path.utf8))
    }
}

@Suite struct DockerEngineClientTests {
    static let imageID = "sha256:" + String(repeating: "e", count: 64)
    static let inspect = """
        {"Id":"\(imageID)","RepoTags":["bulkhead-test/alpine:3.11.13"],"RepoDigests":[],"Os":"linux",\
        "Architecture":"amd64","Size":5619056,"RootFS":{"Type":"layers","Layers":["sha256:\(String(repeating: "d", count: 64))"]}}
        """

    /// A fake engine on a Unix socket: ping, inspect and a chunked save of `archive`.
    static func engine(_ dir: RemoteTempDirectory, archive: [UInt8]) throws -> (FakeHTTPServer, DockerEngineClient) {
        let path = dir.path + "/docker.sock"
        let server = try FakeHTTPServer(unixPath: path) { request in
            switch request.path {
            case "/_ping": return .response(200, headers: [("Api-Version", "1.41")], body: Array("OK".utf8))
            case "/images/bulkhead-test/alpine:3.11.13/json": return .json(200, inspect)
            case "/images/bulkhead-test/alpine:3.11.13/get":
                var wire = Array(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n".utf8
                )
                var index = 0
                while index < archive.count {
                    let n = min(4096, archive.count - index)
                    wire += Array(String(n, radix: 16).utf8) + [13, 10] + archive[index..<(index + n)] + [13, 10]
                    index += n
                }
                return .raw(wire + Array("0\r\n\r\n".utf8))
            case "/images/broken/json": return .json(200, inspect)
            case "/images/broken/get":
                return .raw(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc".utf8))
            default:
                let name = request.path.dropFirst("/images/".count).split(separator: "/").dropLast().joined(
                    separator: "/"
                )
                return .json(404, "{\"message\":\"No such image: \(name)\"}")
            }
        }
        return (
            server,
            DockerEngineClient(
                endpoint: .unix(path: path),
                timeouts: HTTPTimeouts(connect: .seconds(2), read: .seconds(2))
            )
        )
    }

    @Test func pingsInspectsAndSaves() throws {
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        let archive = RegistryClientTests.layer(21, count: 100_000)
        let (server, client) = try Self.engine(dir, archive: archive)
        defer { server.stop() }
        #expect(try client.ping() == "1.41")
        let info = try client.inspectImage("bulkhead-test/alpine:3.11.13")
        #expect(info.id == Self.imageID)
        #expect(info.repoTags == ["bulkhead-test/alpine:3.11.13"])
        #expect(info.layers.count == 1)
        #expect(info.os == "linux")
        #expect(info.size == 5_619_056)

        let saved = try client.saveImage("bulkhead-test/alpine:3.11.13", scratchParent: dir.path)
        #expect(saved.byteCount == archive.count)
        #expect(FileManager.default.contents(atPath: saved.path).map { [UInt8]($0) } == archive)
        let fileMode = try FileManager.default.attributesOfItem(atPath: saved.path)[.posixPermissions] as? Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: saved.directory)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(dirMode == 0o700)
        #expect(saved.directory.hasPrefix(dir.path + "/bulkhead-docker-save-"))
        saved.remove()
        #expect(!FileManager.default.fileExists(atPath: saved.directory))
    }

    @Test func theScratchArchiveGoesAwayWithItsOwner() throws {
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        let (server, client) = try Self.engine(dir, archive: Array("tar".utf8))
        defer { server.stop() }
        var directory = ""
        do {
            let saved = try client.saveImage("bulkhead-test/alpine:3.11.13", scratchParent: dir.path)
            directory = saved.directory
            #expect(FileManager.default.fileExists(atPath: saved.path))
        }
        #expect(!directory.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test func missingImagesAreNotFoundWithTheEngineMessage() throws {
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        let (server, client) = try Self.engine(dir, archive: [])
        defer { server.stop() }
        let error = try #require(remoteImageError { try client.inspectImage("nope:1") })
        #expect(error.code == .notFound)
        #expect(error.message.contains("No such image: nope:1"))
        #expect(error.subject == "Docker Engine at unix://\(dir.path)/docker.sock")
        let saveError = try #require(remoteImageError { try client.saveImage("nope:1", scratchParent: dir.path) })
        #expect(saveError.code == .notFound)
        // Nothing is left behind by a failed save.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
            $0.hasPrefix("bulkhead-")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func aTruncatedSaveFailsAndCleansUp() throws {
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        let (server, client) = try Self.engine(dir, archive: [])
        defer { server.stop() }
        let error = try #require(remoteImageError { try client.saveImage("broken", scratchParent: dir.path) })
        #expect(error.code == .truncated)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
            $0.hasPrefix("bulkhead-")
        }
        #expect(leftovers.isEmpty)
    }

    @Test(arguments: ["", "../containers/x", "a/../../b", "/etc", "a b", "a?b", "a\nb", "name#frag", "a//b", "x%2e%2e"])
    func namesThatCouldEscapeTheImagesPathAreRefused(_ name: String) throws {
        let client = DockerEngineClient(endpoint: .unix(path: "/nonexistent.sock"))
        let error = try #require(remoteImageError { try client.inspectImage(name) })
        #expect(error.code == .malformed)
    }

    @Test func aMissingEngineSocketIsAClearError() throws {
        let client = try DockerEngineClient(environment: ["DOCKER_HOST": "unix:///nonexistent/dir/docker.sock"])
        #expect(client.endpoint == .unix(path: "/nonexistent/dir/docker.sock"))
        let error = try #require(remoteImageError { try client.ping() })
        #expect(error.code == .network)
        #expect(error.description.contains("/nonexistent/dir/docker.sock"))
        #expect(error.message.contains("No such file or directory"))
    }

    @Test func dockerHostTCPReachesTheEngineOverTCP() throws {
        let server = try FakeHTTPServer { request in
            request.path == "/_ping"
                ? .response(200, headers: [("Api-Version", "1.43")], body: Array("OK".utf8)) : .close
        }
        defer { server.stop() }
        let client = try DockerEngineClient(environment: ["DOCKER_HOST": "tcp://127.0.0.1:\(server.port)"])
        #expect(client.endpoint == .tcp(host: "127.0.0.1", port: server.port))
        #expect(try client.ping() == "1.43")
        #expect(server.requests.first?.headers["host"] == "127.0.0.1:\(server.port)")
    }

    @Test func aHangingEngineTimesOut() throws {
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        let path = dir.path + "/docker.sock"
        let server = try FakeHTTPServer(unixPath: path) { _ in .hang }
        defer { server.stop() }
        let client = DockerEngineClient(endpoint: .unix(path: path), timeouts: HTTPTimeouts(read: .milliseconds(300)))
        let error = try #require(remoteImageError { try client.ping() })
        #expect(error.code == .network)
        #expect(error.message.contains("timed out after 0.3 s"))
    }

    @Test func theEngineSourceSavesOnceAndDelegates() throws {
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        let archive = Array("fake docker save".utf8)
        let (server, client) = try Self.engine(dir, archive: archive)
        defer { server.stop() }
        let calls = Mutex(0)
        let source = DockerEngineSource(
            reference: "bulkhead-test/alpine:3.11.13",
            client: client,
            scratchParent: dir.path
        ) {
            path,
            reference in
            calls.withLock { $0 += 1 }
            return RecordingArchiveSource(path: path, reference: reference, configDigest: Self.imageID)
        }
        let resolved = try source.resolve()
        #expect(resolved.configBytes == archive)
        #expect(resolved.metadata.reference == "bulkhead-test/alpine:3.11.13")
        #expect(resolved.metadata.repoTags == ["bulkhead-test/alpine:3.11.13"])
        let layer = try #require(resolved.layers.first)
        var stream = try source.openLayer(layer, index: 0)
        let path = String(decoding: try remoteDrain(&stream), as: UTF8.self)
        #expect(path == (try source.archive().path))
        #expect(calls.withLock { $0 } == 1)
        #expect(server.requests.filter { $0.path.hasSuffix("/get") }.count == 1)
        source.removeScratch()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func theEngineSourceRejectsAnArchiveOfAnotherImage() throws {
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        let (server, client) = try Self.engine(dir, archive: Array("x".utf8))
        defer { server.stop() }
        let source = DockerEngineSource(
            reference: "bulkhead-test/alpine:3.11.13",
            client: client,
            scratchParent: dir.path
        ) {
            path,
            reference in
            RecordingArchiveSource(
                path: path,
                reference: reference,
                configDigest: "sha256:" + String(repeating: "f", count: 64)
            )
        }
        let error = try #require(remoteImageError { try source.resolve() })
        #expect(error.code == .digestMismatch)
    }
}
