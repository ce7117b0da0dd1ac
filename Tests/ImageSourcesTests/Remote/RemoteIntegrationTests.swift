import Foundation
import OCIImage
import SecurityModel
import TestSupport
import Testing

@testable import ImageSources

/// The local services of scripts/start-services.sh, probed once.
enum RemoteServices {
    static let environment = ProcessInfo.processInfo.environment
    static let registryPort = Int(environment["BULKHEAD_REGISTRY_PORT"] ?? "") ?? 5000
    static let authRegistryPort = Int(environment["BULKHEAD_AUTH_REGISTRY_PORT"] ?? "") ?? 5001
    static let authUser = "bulkhead"
    static let authPassword = "bulkhead-test-password"
    static let probeTimeouts = HTTPTimeouts(connect: .seconds(3), read: .seconds(5))

    static let dockerReady: Bool = {
        guard let client = try? DockerEngineClient(timeouts: probeTimeouts) else { return false }
        return (try? client.ping()) != nil
    }()
    static let toolsReady: Bool = ["docker", "skopeo", "tar", "gzip", "sha256sum"].allSatisfy { tool in
        (try? runProcessBlocking(["sh", "-c", "command -v \(tool)"]).status) == 0
    }
    static let registryReady = registryStatus(registryPort) == 200
    static let authRegistryReady = registryStatus(authRegistryPort) == 401

    static func registryStatus(_ port: Int) -> Int? {
        let client = SocketHTTPClient(endpoint: .tcp(host: "127.0.0.1", port: port), timeouts: probeTimeouts)
        return try? client.send(HTTPRequest(target: "/v2/")).status
    }

    static let missing =
        "run scripts/start-services.sh (dockerd, docker-registry on 127.0.0.1:\(registryPort)/\(authRegistryPort)); tools: docker, skopeo"
    static var engineTestsEnabled: Bool { (dockerReady && toolsReady) || Corpus.integrationRequired }
    static var registryTestsEnabled: Bool { (dockerReady && toolsReady && registryReady) || Corpus.integrationRequired }
    static var authRegistryTestsEnabled: Bool {
        (dockerReady && toolsReady && authRegistryReady) || Corpus.integrationRequired
    }

    static let alpineTag = "bulkhead-test/alpine:3.11.13"
    static let tinyTag = "bulkhead-test/tiny:1"

    static func run(_ arguments: [String]) throws -> String {
        let result = try runProcessBlocking(arguments)
        guard result.status == 0 else {
            throw FakeServerError(
                message: "\(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)"
            )
        }
        return result.stdout
    }

    /// Imports the test images into the engine unless they are there already.
    static func ensureImages() throws {
        if (try? runProcessBlocking(["docker", "image", "inspect", alpineTag]).status) != 0 {
            let tarball = try #require(
                Corpus.path("images/alpine-minirootfs/alpine-minirootfs-3.11.13-x86_64.tar.gz"),
                "corpus alpine minirootfs 3.11.13 is missing"
            )
            _ = try run(["docker", "import", tarball, alpineTag])
        }
        if (try? runProcessBlocking(["docker", "image", "inspect", tinyTag]).status) != 0 {
            let dir = try RemoteTempDirectory()
            defer { dir.remove() }
            try dir.write("rootfs/etc/os-release", "ID=bulkhead-tiny\nNAME=\"Bulkhead tiny\"\nVERSION_ID=1\n")
            try dir.write("rootfs/lib/apk/db/installed", "P:tiny\nV:1.0-r0\nA:x86_64\no:tiny\n\n")
            try dir.write("rootfs/usr/share/doc/README", "a tiny test image\n")
            _ = try run(["sh", "-c", "tar -C \"$1/rootfs\" -c . | docker import - \"$2\"", "sh", dir.path, tinyTag])
        }
    }

    static func push(_ tag: String, port: Int, credentials: String? = nil) throws {
        var arguments = ["skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false"]
        if let credentials { arguments += ["--dest-creds", credentials] }
        arguments += ["docker-daemon:\(tag)", "docker://127.0.0.1:\(port)/\(tag)"]
        _ = try run(arguments)
    }
}

/// Reads just enough of a `docker save` tar (with the system tar) to check what the engine sent.
struct TarProbeArchiveSource: ImageSource {
    let path: String
    let reference: String

    func resolve() throws(ImageError) -> ResolvedImage {
        let output: ProcessOutput
        do {
            output = try runProcessBlocking(["tar", "-xOf", path, "manifest.json"])
        } catch {
            throw ImageError(code: .io, subject: path, message: "\(error)")
        }
        guard output.status == 0, let manifest = try? JSONParser.parse(output.stdout),
            let first = manifest.arrayValue?.first, let config = first["Config"]?.stringValue,
            let layers = first["Layers"]?.arrayValue
        else {
            throw ImageError(code: .malformed, subject: path, message: "no usable manifest.json: \(output.stderr)")
        }
        var hex = config.hasSuffix(".json") ? String(config.dropLast(5)) : config
        if let slash = hex.lastIndex(of: "/") { hex = String(hex[hex.index(after: slash)...]) }
        return ResolvedImage(
            metadata: ImageMetadata(reference: reference, configDigest: "sha256:" + hex),
            configBytes: [],
            layers: layers.map { LayerInfo(digest: $0.stringValue) }
        )
    }

    func openLayer(_ layer: LayerInfo, index: Int) throws(ImageError) -> any ByteStream { MemoryByteStream([]) }
}

@Suite(.serialized) struct RemoteIntegrationTests {
    @Test(
        .enabled(if: RemoteServices.engineTestsEnabled, "\(RemoteServices.missing)"),
        arguments: [RemoteServices.alpineTag, RemoteServices.tinyTag]
    )
    func engineSourceSavesImportedImages(_ tag: String) throws {
        try #require(RemoteServices.dockerReady, "the Docker Engine does not answer: \(RemoteServices.missing)")
        try #require(RemoteServices.toolsReady, "docker/skopeo/tar missing: \(RemoteServices.missing)")
        try RemoteServices.ensureImages()
        let client = try DockerEngineClient()
        let inspect = try client.inspectImage(tag)
        #expect(inspect.layers.count == 1)
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        let source = DockerEngineSource(reference: tag, client: client, scratchParent: dir.path) { path, reference in
            TarProbeArchiveSource(path: path, reference: reference)
        }
        let resolved = try source.resolve()
        #expect(resolved.metadata.configDigest == inspect.id)
        #expect(resolved.layers.count == inspect.layers.count)
        #expect(resolved.metadata.reference == tag)
        let archive = try source.archive()
        let listing = try RemoteServices.run(["tar", "-tf", archive.path]).split(separator: "\n")
        #expect(listing.contains("manifest.json"))
        #expect(listing.filter { $0.hasSuffix("layer.tar") || $0.hasPrefix("blobs/sha256/") }.count >= 1)
        let mode = try FileManager.default.attributesOfItem(atPath: archive.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        source.removeScratch()
        #expect(!FileManager.default.fileExists(atPath: archive.path))
    }

    @Test(.enabled(if: RemoteServices.engineTestsEnabled, "\(RemoteServices.missing)"))
    func engineSourceReportsMissingImages() throws {
        try #require(RemoteServices.dockerReady, "the Docker Engine does not answer: \(RemoteServices.missing)")
        let client = try DockerEngineClient()
        let error = try #require(remoteImageError { try client.inspectImage("bulkhead-test/does-not-exist:0") })
        #expect(error.code == .notFound)
        #expect(error.message.contains("bulkhead-test/does-not-exist:0"))
    }

    /// Streams a layer to `file`, returning its sha256 digest.
    static func download(_ source: RegistrySource, _ layer: LayerInfo, to file: String) throws -> String {
        var stream = try source.openLayer(layer, index: 0)
        var hasher = RemoteSHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 1)
        defer { buffer.deallocate() }
        _ = FileManager.default.createFile(atPath: file, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        defer { try? handle.close() }
        while true {
            let n = try stream.read(into: buffer)
            if n == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            hasher.update(chunk)
            handle.write(Data(chunk))
        }
        return "sha256:" + RemoteText.hex(hasher.finalize())
    }

    @Test(
        .enabled(if: RemoteServices.registryTestsEnabled, "\(RemoteServices.missing)"),
        arguments: RegistryClientTests.Transport.allCases
    )
    func registrySourceReadsAnImagePushedToARealRegistry(_ transport: RegistryClientTests.Transport) throws {
        try #require(RemoteServices.dockerReady && RemoteServices.toolsReady, "\(RemoteServices.missing)")
        try #require(
            RemoteServices.registryReady,
            "no registry on 127.0.0.1:\(RemoteServices.registryPort): \(RemoteServices.missing)"
        )
        try RemoteServices.ensureImages()
        try RemoteServices.push(RemoteServices.alpineTag, port: RemoteServices.registryPort)
        let inspect = try DockerEngineClient().inspectImage(RemoteServices.alpineTag)
        let reference = "127.0.0.1:\(RemoteServices.registryPort)/\(RemoteServices.alpineTag)"
        let configuration = RegistryClientTests.configuration(transport, timeouts: .default)
        let source = try RegistrySource(reference: reference, insecure: true, configuration: configuration)
        let resolved = try source.resolve()
        #expect(resolved.metadata.configDigest == inspect.id)
        #expect(RemoteSHA256.digest(resolved.configBytes) == inspect.id)
        #expect(resolved.layers.count == 1)
        let layer = try #require(resolved.layers.first)
        #expect(layer.diffID == inspect.layers.first)

        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        let file = dir.path + "/layer.blob"
        let digest = try Self.download(source, layer, to: file)
        #expect(digest == layer.digest)
        // Independent check: the decompressed layer hashes to the engine's diff id.
        let diffID = try RemoteServices.run(["sh", "-c", "gzip -dc \"$1\" | sha256sum", "sh", file])
        #expect(diffID.split(separator: " ").first.map { "sha256:" + $0 } == inspect.layers.first)

        let manifestDigest = try #require(resolved.metadata.manifestDigest)
        let pinned = try RegistrySource(
            reference: "127.0.0.1:\(RemoteServices.registryPort)/bulkhead-test/alpine@\(manifestDigest)",
            insecure: true,
            configuration: configuration
        )
        #expect(try pinned.resolve().metadata.configDigest == inspect.id)

        let missing = try RegistrySource(
            reference: "127.0.0.1:\(RemoteServices.registryPort)/bulkhead-test/alpine:no-such-tag",
            insecure: true,
            configuration: configuration
        )
        let error = try #require(remoteImageError { try missing.resolve() })
        #expect(error.code == .notFound)
    }

    @Test(.enabled(if: RemoteServices.authRegistryTestsEnabled, "\(RemoteServices.missing)"))
    func registrySourceAuthenticatesWithDockerConfigCredentials() throws {
        try #require(RemoteServices.dockerReady && RemoteServices.toolsReady, "\(RemoteServices.missing)")
        try #require(
            RemoteServices.authRegistryReady,
            "no auth registry on 127.0.0.1:\(RemoteServices.authRegistryPort): \(RemoteServices.missing)"
        )
        try RemoteServices.ensureImages()
        let port = RemoteServices.authRegistryPort
        try RemoteServices.push(
            RemoteServices.tinyTag,
            port: port,
            credentials: "\(RemoteServices.authUser):\(RemoteServices.authPassword)"
        )
        let reference = "127.0.0.1:\(port)/\(RemoteServices.tinyTag)"

        let anonymous = try RegistrySource(
            reference: reference,
            insecure: true,
            configuration: RegistryClient.Configuration(credentials: .anonymous)
        )
        let refused = try #require(remoteImageError { try anonymous.resolve() })
        #expect(refused.code == .authentication)

        let good = try RegistryClientTests.credentialsDirectory([
            "127.0.0.1:\(port)": (RemoteServices.authUser, RemoteServices.authPassword)
        ])
        defer { good.remove() }
        let store = DockerCredentialStore(environment: ["DOCKER_CONFIG": good.path])
        let source = try RegistrySource(
            reference: reference,
            insecure: true,
            configuration: RegistryClient.Configuration(credentials: store)
        )
        let resolved = try source.resolve()
        let inspect = try DockerEngineClient().inspectImage(RemoteServices.tinyTag)
        #expect(resolved.metadata.configDigest == inspect.id)
        let layer = try #require(resolved.layers.first)
        #expect(try Self.download(source, layer, to: good.path + "/layer.blob") == layer.digest)

        let bad = try RegistryClientTests.credentialsDirectory(["127.0.0.1:\(port)": (RemoteServices.authUser, "wrong")]
        )
        defer { bad.remove() }
        let wrong = try RegistrySource(
            reference: reference,
            insecure: true,
            configuration: RegistryClient.Configuration(
                credentials: DockerCredentialStore(environment: ["DOCKER_CONFIG": bad.path])
            )
        )
        let rejected = try #require(remoteImageError { try wrong.resolve() })
        #expect(rejected.code == .authentication)
    }
}
