import Foundation
import OCIImage
import SecurityModel
import Synchronization
import TestSupport
import Testing

@testable import ImageSources

@Suite struct RegistryClientTests {
    enum Transport: String, CaseIterable, Sendable {
        case socket, urlSession
    }

    static let timeouts = HTTPTimeouts(connect: .seconds(5), read: .seconds(5))

    static func configuration(
        _ transport: Transport,
        credentials: DockerCredentialStore = .anonymous,
        timeouts: HTTPTimeouts = timeouts
    ) -> RegistryClient.Configuration {
        var configuration = RegistryClient.Configuration(insecure: true, timeouts: timeouts, credentials: credentials)
        configuration.plainHTTPThroughURLSession = transport == .urlSession
        return configuration
    }

    static func layer(_ seed: UInt64, count: Int = 5000) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// A registry holding `team/app:1` as an index over linux/amd64 and linux/arm64/v8.
    static func multiPlatform() -> (
        FakeRegistry, amd64: (digest: String, size: Int, configDigest: String), [UInt8], [UInt8]
    ) {
        var registry = FakeRegistry()
        let amdLayer = layer(1)
        let armLayer = layer(2, count: 3000)
        let amd = registry.addImage(architecture: "amd64", layer: amdLayer)
        let arm = registry.addImage(architecture: "arm64", layer: armLayer)
        registry.addIndex(
            tag: "1",
            entries: [(arm.digest, arm.size, "arm64", "v8"), (amd.digest, amd.size, "amd64", nil)]
        )
        return (registry, amd, amdLayer, armLayer)
    }

    static func serve(_ registry: FakeRegistry) throws -> FakeHTTPServer {
        try FakeHTTPServer { request in registry.handle(request) }
    }

    static func credentialsDirectory(_ entries: [String: (String, String)]) throws -> RemoteTempDirectory {
        let dir = try RemoteTempDirectory()
        let auths = entries.map { key, value in
            "\"\(key)\": {\"auth\": \"\(RemoteText.base64Encode(Array("\(value.0):\(value.1)".utf8)))\"}"
        }
        try dir.write("config.json", "{\"auths\": {\(auths.joined(separator: ","))}}")
        return dir
    }

    @Test(arguments: Transport.allCases)
    func resolvesAnIndexToThePlatformManifestAndStreamsTheLayer(_ transport: Transport) throws {
        let (registry, amd, amdLayer, armLayer) = Self.multiPlatform()
        let server = try Self.serve(registry)
        defer { server.stop() }
        let source = try RegistrySource(
            reference: "\(server.hostPort)/team/app:1",
            configuration: Self.configuration(transport)
        )
        try source.client.ping()
        let resolved = try source.resolve()
        #expect(resolved.layers.count == 1)
        #expect(resolved.layers.first?.digest == FakeRegistry.digest(amdLayer))
        #expect(resolved.layers.first?.diffID == FakeRegistry.digest(amdLayer + [0]))
        #expect(resolved.layers.first?.size == amdLayer.count)
        #expect(resolved.layers.first?.mediaType == "application/vnd.oci.image.layer.v1.tar+gzip")
        #expect(resolved.metadata.manifestDigest == amd.digest)
        #expect(resolved.metadata.configDigest == amd.configDigest)
        #expect(FakeRegistry.digest(resolved.configBytes) == amd.configDigest)
        #expect(resolved.metadata.architecture == "amd64")
        #expect(resolved.metadata.reference == "\(server.hostPort)/team/app:1")
        let layer = try #require(resolved.layers.first)
        var stream = try source.openLayer(layer, index: 0)
        #expect(try remoteDrain(&stream, chunk: 1000) == amdLayer)

        let arm = try RegistrySource(
            reference: "\(server.hostPort)/team/app:1",
            platform: RegistryPlatform(parsing: "linux/arm64"),
            configuration: Self.configuration(transport)
        )
        let armResolved = try arm.resolve()
        #expect(armResolved.layers.first?.digest == FakeRegistry.digest(armLayer))
        #expect(armResolved.metadata.architecture == "arm64")
    }

    @Test func resolvesDockerManifestListsAndSchema2() throws {
        var registry = FakeRegistry()
        let payload = Self.layer(3)
        let image = registry.addImage(
            architecture: "amd64",
            layer: payload,
            mediaType: RegistryMediaType.dockerManifest
        )
        registry.addIndex(
            tag: "list",
            entries: [(image.digest, image.size, "amd64", nil)],
            mediaType: RegistryMediaType.dockerManifestList,
            entryMediaType: RegistryMediaType.dockerManifest
        )
        registry.addImage(
            architecture: "amd64",
            layer: payload,
            mediaType: RegistryMediaType.dockerManifest,
            tag: "single"
        )
        let server = try Self.serve(registry)
        defer { server.stop() }
        for tag in ["list", "single"] {
            let source = try RegistrySource(
                reference: "\(server.hostPort)/team/app:\(tag)",
                configuration: Self.configuration(.socket)
            )
            let resolved = try source.resolve()
            #expect(resolved.metadata.manifestDigest == image.digest)
            #expect(resolved.layers.first?.mediaType == "application/vnd.docker.image.rootfs.diff.tar.gzip")
        }
        let accept = server.requests.first { $0.path.contains("/manifests/") }?.headers["accept"] ?? ""
        for type in RegistryClient.manifestMediaTypes { #expect(accept.contains(type)) }
    }

    @Test func aPinnedDigestIsVerified() throws {
        var registry = FakeRegistry()
        let image = registry.addImage(architecture: "amd64", layer: Self.layer(4))
        let other = "sha256:" + String(repeating: "0", count: 64)
        registry.manifests[other] = registry.manifests[image.digest]
        let server = try Self.serve(registry)
        defer { server.stop() }
        let good = try RegistrySource(
            reference: "\(server.hostPort)/team/app@\(image.digest)",
            configuration: Self.configuration(.socket)
        )
        #expect(try good.resolve().metadata.manifestDigest == image.digest)
        let bad = try RegistrySource(
            reference: "\(server.hostPort)/team/app@\(other)",
            configuration: Self.configuration(.socket)
        )
        let error = try #require(remoteImageError { try bad.resolve() })
        #expect(error.code == .digestMismatch)
        #expect(error.message.contains(image.digest))
    }

    @Test func aWrongAnnouncedDigestIsAnError() throws {
        var registry = FakeRegistry()
        registry.addImage(architecture: "amd64", layer: Self.layer(5), tag: "1")
        registry.announcedDigest = "sha256:" + String(repeating: "1", count: 64)
        let server = try Self.serve(registry)
        defer { server.stop() }
        let source = try RegistrySource(
            reference: "\(server.hostPort)/team/app:1",
            configuration: Self.configuration(.socket)
        )
        let error = try #require(remoteImageError { try source.resolve() })
        #expect(error.code == .digestMismatch)
        #expect(error.message.contains("announced"))
    }

    @Test func aTamperedConfigIsRejected() throws {
        var registry = FakeRegistry()
        let image = registry.addImage(architecture: "amd64", layer: Self.layer(6), tag: "1")
        registry.blobs[image.configDigest] = Array("{\"architecture\":\"amd64\",\"os\":\"linux\",\"evil\":1}".utf8)
        let server = try Self.serve(registry)
        defer { server.stop() }
        let source = try RegistrySource(
            reference: "\(server.hostPort)/team/app:1",
            configuration: Self.configuration(.socket)
        )
        let error = try #require(remoteImageError { try source.resolve() })
        // The tampered config has another size than declared, or another digest.
        #expect(error.code == .digestMismatch || error.code == .tooLarge || error.code == .truncated)
        #expect(error.subject.contains(image.configDigest))
    }

    @Test(arguments: [(1, "longer"), (-1, "ended after")])
    func layersOfTheWrongSizeAreErrors(_ delta: Int, _ phrase: String) throws {
        var registry = FakeRegistry()
        let payload = Self.layer(7)
        registry.addImage(architecture: "amd64", layer: payload, tag: "1")
        let digest = FakeRegistry.digest(payload)
        registry.blobs[digest] = delta > 0 ? payload + [1, 2, 3] : Array(payload.dropLast(10))
        let server = try Self.serve(registry)
        defer { server.stop() }
        let source = try RegistrySource(
            reference: "\(server.hostPort)/team/app:1",
            configuration: Self.configuration(.socket)
        )
        let layer = try #require(try source.resolve().layers.first)
        let error = try #require(
            remoteImageError {
                var stream = try source.openLayer(layer, index: 0)
                return try remoteDrain(&stream, chunk: 4096)
            }
        )
        #expect(error.code == (delta > 0 ? .tooLarge : .truncated))
        #expect(error.message.contains(phrase))
        #expect(error.subject.contains(digest))
    }

    @Test func aMissingPlatformListsWhatIsAvailable() throws {
        let (registry, _, _, _) = Self.multiPlatform()
        let server = try Self.serve(registry)
        defer { server.stop() }
        let source = try RegistrySource(
            reference: "\(server.hostPort)/team/app:1",
            platform: RegistryPlatform(parsing: "linux/s390x"),
            configuration: Self.configuration(.socket)
        )
        let error = try #require(remoteImageError { try source.resolve() })
        #expect(error.code == .notFound)
        #expect(error.message.contains("linux/s390x"))
        #expect(error.message.contains("linux/arm64/v8"))
        #expect(error.message.contains("linux/amd64"))
    }

    @Test func deeplyNestedIndexesStop() throws {
        var registry = FakeRegistry()
        let image = registry.addImage(architecture: "amd64", layer: Self.layer(8))
        var digest = image.digest
        var size = image.size
        for level in 0..<6 {
            digest = registry.addIndex(
                tag: level == 5 ? "deep" : nil,
                entries: [(digest, size, "amd64", nil)],
                entryMediaType: level == 0 ? RegistryMediaType.ociManifest : RegistryMediaType.ociIndex
            )
            size = registry.manifests[digest]?.bytes.count ?? 0
        }
        let server = try Self.serve(registry)
        defer { server.stop() }
        let source = try RegistrySource(
            reference: "\(server.hostPort)/team/app:deep",
            configuration: Self.configuration(.socket)
        )
        let error = try #require(remoteImageError { try source.resolve() })
        #expect(error.code == .manifestLoop)
    }

    @Test func unknownManifestsAndSchema1AreReported() throws {
        var registry = FakeRegistry()
        registry.manifests["old"] = FakeRegistry.Stored(
            mediaType: RegistryMediaType.dockerSchema1Signed,
            bytes: Array("{\"schemaVersion\":1,\"name\":\"x\"}".utf8)
        )
        registry.manifests["artifact"] = FakeRegistry.Stored(
            mediaType: RegistryMediaType.ociManifest,
            bytes: Array(
                "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.cncf.helm.config.v1+json\",\"digest\":\"sha256:\(String(repeating: "a", count: 64))\",\"size\":1},\"layers\":[]}"
                    .utf8
            )
        )
        registry.manifests["junk"] = FakeRegistry.Stored(mediaType: "application/json", bytes: Array("not json".utf8))
        let server = try Self.serve(registry)
        defer { server.stop() }
        func resolve(_ tag: String) throws -> ImageError {
            let source = try RegistrySource(
                reference: "\(server.hostPort)/team/app:\(tag)",
                configuration: Self.configuration(.socket)
            )
            return try #require(remoteImageError { try source.resolve() })
        }
        let missing = try resolve("nope")
        #expect(missing.code == .notFound)
        #expect(missing.message.contains("MANIFEST_UNKNOWN: manifest unknown"))
        let old = try resolve("old")
        #expect(old.code == .unsupportedMediaType)
        #expect(old.message.contains("schema 1"))
        let artifact = try resolve("artifact")
        #expect(artifact.code == .unsupportedMediaType)
        #expect(artifact.message.contains("helm"))
        let junk = try resolve("junk")
        #expect(junk.code == .malformed)
    }

    @Test(arguments: Transport.allCases)
    func basicAuthenticationUsesDockerConfigCredentials(_ transport: Transport) throws {
        var registry = FakeRegistry()
        let payload = Self.layer(9)
        registry.addImage(architecture: "amd64", layer: payload, tag: "1")
        registry.auth = .basic(user: "alice", password: "wonder land")
        let server = try Self.serve(registry)
        defer { server.stop() }
        let reference = "\(server.hostPort)/team/app:1"

        let anonymous = try RegistrySource(reference: reference, configuration: Self.configuration(transport))
        let refused = try #require(remoteImageError { try anonymous.resolve() })
        #expect(refused.code == .authentication)
        #expect(refused.message.contains("no credentials for \(server.hostPort)"))

        let good = try Self.credentialsDirectory([server.hostPort: ("alice", "wonder land")])
        defer { good.remove() }
        let store = DockerCredentialStore(environment: ["DOCKER_CONFIG": good.path])
        let source = try RegistrySource(
            reference: reference,
            configuration: Self.configuration(transport, credentials: store)
        )
        let resolved = try source.resolve()
        var stream = try source.openLayer(try #require(resolved.layers.first), index: 0)
        #expect(try remoteDrain(&stream, chunk: 4096) == payload)

        let bad = try Self.credentialsDirectory(["http://\(server.hostPort)": ("alice", "wrong")])
        defer { bad.remove() }
        let wrong = try RegistrySource(
            reference: reference,
            configuration: Self.configuration(
                transport,
                credentials: DockerCredentialStore(environment: ["DOCKER_CONFIG": bad.path])
            )
        )
        let rejected = try #require(remoteImageError { try wrong.resolve() })
        #expect(rejected.code == .authentication)
        #expect(rejected.message.contains("401"))
        #expect(!rejected.description.contains("wrong"))
    }

    /// A token server that hands out `token` to `alice:pw` only.
    static func tokenServer(token: String) throws -> FakeHTTPServer {
        try FakeHTTPServer { request in
            guard request.path == "/token" else { return .json(404, "{}") }
            guard request.headers["authorization"] == "Basic " + RemoteText.base64Encode(Array("alice:pw".utf8)) else {
                return .json(401, "{\"details\":\"incorrect username or password\"}")
            }
            guard request.query["service"] == ["fake-registry"],
                request.query["scope"]?.contains("repository:team/app:pull") == true
            else { return .json(400, "{\"details\":\"bad scope\"}") }
            return .json(200, "{\"token\":\"\(token)\",\"expires_in\":300}")
        }
    }

    @Test(arguments: Transport.allCases)
    func bearerTokenFlowWithCredentials(_ transport: Transport) throws {
        let tokens = try Self.tokenServer(token: "tok-123")
        defer { tokens.stop() }
        var registry = FakeRegistry()
        let payload = Self.layer(10)
        registry.addImage(architecture: "amd64", layer: payload, tag: "1")
        registry.auth = .bearer(realm: "\(tokens.baseURL)/token", token: "tok-123")
        let server = try Self.serve(registry)
        defer { server.stop() }
        let reference = "\(server.hostPort)/team/app:1"

        let dir = try Self.credentialsDirectory([server.hostPort: ("alice", "pw")])
        defer { dir.remove() }
        let store = DockerCredentialStore(environment: ["DOCKER_CONFIG": dir.path])
        let source = try RegistrySource(
            reference: reference,
            configuration: Self.configuration(transport, credentials: store)
        )
        let resolved = try source.resolve()
        var stream = try source.openLayer(try #require(resolved.layers.first), index: 0)
        #expect(try remoteDrain(&stream, chunk: 4096) == payload)
        // One token for the whole pull: the scope's token is cached.
        #expect(tokens.requests.count == 1)
        #expect(server.requests.filter { $0.headers["authorization"] == "Bearer tok-123" }.count == 3)

        let anonymous = try RegistrySource(reference: reference, configuration: Self.configuration(transport))
        let refused = try #require(remoteImageError { try anonymous.resolve() })
        #expect(refused.code == .authentication)
        #expect(refused.message.contains("anonymous token"))

        let badDir = try Self.credentialsDirectory([server.hostPort: ("alice", "nope")])
        defer { badDir.remove() }
        let wrong = try RegistrySource(
            reference: reference,
            configuration: Self.configuration(
                transport,
                credentials: DockerCredentialStore(environment: ["DOCKER_CONFIG": badDir.path])
            )
        )
        let rejected = try #require(remoteImageError { try wrong.resolve() })
        #expect(rejected.code == .authentication)
        #expect(rejected.message.contains("rejected the credentials of alice"))
    }

    @Test(arguments: Transport.allCases)
    func identityTokensUseTheRefreshTokenGrant(_ transport: Transport) throws {
        let tokens = try FakeHTTPServer { request in
            guard request.method == "POST", request.path == "/token",
                request.headers["content-type"] == "application/x-www-form-urlencoded"
            else { return .json(405, "{}") }
            let form = request.form
            guard form["grant_type"] == "refresh_token", form["refresh_token"] == "refresh-xyz",
                form["service"] == "fake-registry", form["scope"] == "repository:team/app:pull",
                form["client_id"] == "bulkhead"
            else { return .json(401, "{\"error\":\"invalid_grant\"}") }
            return .json(200, "{\"access_token\":\"oauth-1\",\"expires_in\":60}")
        }
        defer { tokens.stop() }
        var registry = FakeRegistry()
        let payload = Self.layer(13)
        registry.addImage(architecture: "amd64", layer: payload, tag: "1")
        registry.auth = .bearer(realm: "\(tokens.baseURL)/token", token: "oauth-1")
        let server = try Self.serve(registry)
        defer { server.stop() }
        let dir = try RemoteTempDirectory()
        defer { dir.remove() }
        try dir.write("config.json", "{\"auths\": {\"\(server.hostPort)\": {\"identitytoken\": \"refresh-xyz\"}}}")
        let store = DockerCredentialStore(environment: ["DOCKER_CONFIG": dir.path])
        let source = try RegistrySource(
            reference: "\(server.hostPort)/team/app:1",
            configuration: Self.configuration(transport, credentials: store)
        )
        let resolved = try source.resolve()
        var stream = try source.openLayer(try #require(resolved.layers.first), index: 0)
        #expect(try remoteDrain(&stream, chunk: 4096) == payload)
        #expect(tokens.requests.count == 1)
        #expect(tokens.requests.first?.headers["authorization"] == nil)

        try dir.write("config.json", "{\"auths\": {\"\(server.hostPort)\": {\"identitytoken\": \"stale\"}}}")
        let stale = try RegistrySource(
            reference: "\(server.hostPort)/team/app:1",
            configuration: Self.configuration(transport, credentials: store)
        )
        let error = try #require(remoteImageError { try stale.resolve() })
        #expect(error.code == .authentication)
        #expect(error.message.contains("rejected the identity token"))
        #expect(!error.description.contains("stale"))
    }

    @Test(arguments: Transport.allCases)
    func blobRedirectsAreFollowedWithoutCredentials(_ transport: Transport) throws {
        let tokens = try Self.tokenServer(token: "tok-9")
        defer { tokens.stop() }
        let payload = Self.layer(11, count: 200_000)
        let digest = FakeRegistry.digest(payload)
        var registry = FakeRegistry()
        registry.addImage(architecture: "amd64", layer: payload, tag: "1")
        let blobs = registry.blobs
        let storage = try FakeHTTPServer { request in
            guard request.path.hasPrefix("/storage/"), let blob = blobs[String(request.path.dropFirst(9))] else {
                return .json(404, "{}")
            }
            return .response(200, body: blob)
        }
        defer { storage.stop() }
        registry.auth = .bearer(realm: "\(tokens.baseURL)/token", token: "tok-9")
        registry.redirectBlobsTo = storage.baseURL
        let server = try Self.serve(registry)
        defer { server.stop() }
        let dir = try Self.credentialsDirectory([server.hostPort: ("alice", "pw")])
        defer { dir.remove() }
        let source = try RegistrySource(
            reference: "\(server.hostPort)/team/app:1",
            configuration: Self.configuration(
                transport,
                credentials: DockerCredentialStore(environment: ["DOCKER_CONFIG": dir.path])
            )
        )
        let resolved = try source.resolve()
        var stream = try source.openLayer(try #require(resolved.layers.first), index: 0)
        #expect(try remoteDrain(&stream, chunk: 65536) == payload)
        #expect(storage.requests.map(\.path).contains("/storage/\(digest)"))
        #expect(storage.requests.count == 2)  // config and layer
        #expect(storage.requests.allSatisfy { $0.headers["authorization"] == nil })
    }

    @Test(arguments: Transport.allCases)
    func aHangingRegistryTimesOut(_ transport: Transport) throws {
        let server = try FakeHTTPServer { _ in .hang }
        defer { server.stop() }
        let quick = HTTPTimeouts(connect: .seconds(2), read: .milliseconds(500))
        let source = try RegistrySource(
            reference: "\(server.hostPort)/team/app:1",
            configuration: Self.configuration(transport, timeouts: quick)
        )
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(remoteImageError { try source.resolve() })
        #expect(error.code == .network)
        #expect(error.message.contains("timed out"))
        #expect(clock.now - start < .seconds(15))
    }

    @Test(arguments: Transport.allCases)
    func aStallingBlobTimesOut(_ transport: Transport) throws {
        var registry = FakeRegistry()
        let payload = Self.layer(12)
        registry.addImage(architecture: "amd64", layer: payload, tag: "1")
        let digest = FakeRegistry.digest(payload)
        let content = registry
        let server = try FakeHTTPServer { request in
            if request.path.hasSuffix("/blobs/\(digest)") {
                return .rawThenHang(
                    Array("HTTP/1.1 200 OK\r\nContent-Length: \(payload.count)\r\n\r\n".utf8) + payload.prefix(100)
                )
            }
            return content.handle(request)
        }
        defer { server.stop() }
        let quick = HTTPTimeouts(connect: .seconds(2), read: .seconds(2))
        let source = try RegistrySource(
            reference: "\(server.hostPort)/team/app:1",
            configuration: Self.configuration(transport, timeouts: quick)
        )
        let layer = try #require(try source.resolve().layers.first)
        let error = try #require(
            remoteImageError {
                var stream = try source.openLayer(layer, index: 0)
                return try remoteDrain(&stream, chunk: 4096)
            }
        )
        #expect(error.code == .network)
        #expect(error.message.contains("timed out"))
    }

    @Test func aNonHTTPPeerIsAClearError() throws {
        let server = try FakeHTTPServer { _ in .raw(Array("220 smtp.example ESMTP ready\r\n".utf8)) }
        defer { server.stop() }
        let source = try RegistrySource(
            reference: "\(server.hostPort)/team/app:1",
            configuration: Self.configuration(.socket)
        )
        let error = try #require(remoteImageError { try source.resolve() })
        #expect(error.code == .network)
        #expect(error.message.contains("malformed HTTP status line"))
    }

    @Test func plainHTTPIsOnlyForLoopbackWhenInsecure() throws {
        let refused = try #require(
            remoteImageError { try RegistrySource(reference: "registry.example.com/a:1", insecure: true) }
        )
        #expect(refused.code == .network)
        #expect(refused.message.contains("loopback"))
        var allowed = RegistryClient.Configuration(insecure: true, credentials: .anonymous)
        allowed.allowInsecureNonLoopback = true
        #expect(
            try RegistryClient(registry: "registry.example.com", configuration: allowed).baseURL
                == "http://registry.example.com"
        )
        #expect(
            try RegistryClient(
                registry: "127.0.0.1:5000",
                configuration: RegistryClient.Configuration(credentials: .anonymous)
            ).baseURL == "https://127.0.0.1:5000"
        )
        #expect(
            try RegistryClient(
                registry: "docker.io",
                configuration: RegistryClient.Configuration(credentials: .anonymous)
            ).baseURL == "https://registry-1.docker.io"
        )
    }

    @Test func pathInjectionThroughTheClientAPIIsRefused() throws {
        let client = try RegistryClient(
            registry: "127.0.0.1:1",
            configuration: RegistryClient.Configuration(insecure: true, credentials: .anonymous)
        )
        for (repository, reference) in [("../../etc", "latest"), ("a/b", "../x"), ("a%2fb", "1"), ("a", "t?x=1")] {
            let error = try #require(
                remoteImageError { try client.manifest(repository: repository, reference: reference) }
            )
            #expect(error.code == .malformed)
        }
        let blob = try #require(remoteImageError { try client.blob(repository: "a", digest: "sha256:../../x") })
        #expect(blob.code == .malformed)
    }

    @Test func httpsToAPlainHTTPServerFailsWithATLSError() throws {
        let server = try FakeHTTPServer { _ in .json(400, "{}") }
        defer { server.stop() }
        let source = try RegistrySource(
            reference: "\(server.hostPort)/team/app:1",
            configuration: RegistryClient.Configuration(
                timeouts: HTTPTimeouts(connect: .seconds(3), read: .seconds(3)),
                credentials: .anonymous
            )
        )
        let error = try #require(remoteImageError { try source.resolve() })
        #expect(error.code == .network)
        #expect(error.subject.hasPrefix("https://\(server.hostPort)/v2/"))
    }
}
