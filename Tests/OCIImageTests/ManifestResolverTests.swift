import OCIImage
import TestSupport
import Testing

struct ManifestResolverTests {
    private func digest(_ bytes: [UInt8]) -> Digest { Digest.compute(.sha256, of: bytes) }

    private func manifest(layers: Int = 1) -> [UInt8] {
        let config = "sha256:" + String(repeating: "c", count: 64)
        let layerList = (0..<layers).map { i in
            "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:\(String(repeating: "\(i)", count: 64))\",\"size\":10}"
        }.joined(separator: ",")
        return Array(
            """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
            "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\(config)","size":5},\
            "layers":[\(layerList)]}
            """.utf8
        )
    }

    private func index(
        _ entries: [(digest: Digest, size: Int, platform: String?, mediaType: String)],
        extra: String = ""
    )
        -> [UInt8]
    {
        let list = entries.map { e -> String in
            var platform = ""
            if let p = e.platform {
                let parts = p.split(separator: "/").map(String.init)
                platform =
                    ",\"platform\":{\"os\":\"\(parts[0])\",\"architecture\":\"\(parts[1])\""
                    + (parts.count > 2 ? ",\"variant\":\"\(parts[2])\"" : "") + "}"
            }
            return "{\"mediaType\":\"\(e.mediaType)\",\"digest\":\"\(e.digest)\",\"size\":\(e.size)\(platform)\(extra)}"
        }
        return Array("{\"schemaVersion\":2,\"manifests\":[\(list.joined(separator: ","))]}".utf8)
    }

    @Test func selectsTheRequestedPlatform() throws {
        let amd = manifest(layers: 1), arm = manifest(layers: 2), armv7 = manifest(layers: 3)
        let blobs = [digest(amd): amd, digest(arm): arm, digest(armv7): armv7]
        let root = index([
            (digest(arm), arm.count, "linux/arm64", MediaTypes.ociManifest),
            (digest(armv7), armv7.count, "linux/arm/v7", MediaTypes.ociManifest),
            (digest(amd), amd.count, "linux/amd64", MediaTypes.ociManifest),
        ])
        func resolve(_ platform: String) throws(ImageError) -> ManifestResolver.Resolution {
            try ManifestResolver(platform: try Platform.parse(platform))
                .resolve(root: root, rootDigest: nil, subject: "index.json") { (d) throws(ImageError) in
                    guard let b = blobs[d.digest] else { throw ImageError(code: .notFound, subject: "x", message: "") }
                    return b
                }
        }
        #expect(try resolve("linux/amd64").manifest.layers.count == 1)
        #expect(try resolve("linux/arm64/v8").manifest.layers.count == 2)
        #expect(try resolve("linux/aarch64").manifestDigest == digest(arm))
        #expect(try resolve("linux/arm/v7").manifest.layers.count == 3)
        let error = #expect(throws: ImageError.self) { try resolve("linux/s390x") }
        #expect(error?.code == .notFound)
        #expect(error?.message.contains("linux/amd64") == true)
    }

    @Test func hostPlatformIsLinux() {
        #expect(Platform.host.os == "linux")
        #expect(Platform.host.description.hasPrefix("linux/"))
    }

    @Test func manifestPointingToItselfIsALoop() throws {
        // The blob at digest D is an index listing D again.
        let d = try #require(Digest("sha256:" + String(repeating: "d", count: 64)))
        let root = index([(d, 100, "linux/amd64", MediaTypes.ociIndex)])
        let loop = index([(d, 100, "linux/amd64", MediaTypes.ociIndex)])
        let error = #expect(throws: ImageError.self) {
            try ManifestResolver(platform: Platform(os: "linux", architecture: "amd64"))
                .resolve(root: root, rootDigest: nil, subject: "index.json") { (_) throws(ImageError) in loop }
        }
        #expect(error?.code == .manifestLoop)
        #expect(error?.subject == "manifest sha256:dddddddddddd")
    }

    @Test func rootListingItselfIsALoop() throws {
        let d = try #require(Digest("sha256:" + String(repeating: "e", count: 64)))
        let root = index([(d, 100, nil, MediaTypes.ociIndex)])
        let error = #expect(throws: ImageError.self) {
            try ManifestResolver().resolve(root: root, rootDigest: d, subject: "registry manifest") {
                (_) throws(ImageError) in root
            }
        }
        #expect(error?.code == .manifestLoop)
    }

    @Test func wrongManifestBytesAreADigestMismatch() {
        let m = manifest()
        let root = index([(digest(m), m.count, "linux/amd64", MediaTypes.ociManifest)])
        var tampered = m
        tampered[tampered.count - 2] = UInt8(ascii: " ")
        let error = #expect(throws: ImageError.self) {
            try ManifestResolver(platform: Platform(os: "linux", architecture: "amd64"))
                .resolve(root: root, rootDigest: nil, subject: "index.json") { (_) throws(ImageError) in tampered }
        }
        #expect(error?.code == .digestMismatch)
    }

    @Test func nestedIndexesAreFollowedAndAttestationsSkipped() throws {
        let m = manifest(layers: 4)
        let attestation = index([], extra: "")
        let inner = index(
            [
                (digest(attestation), attestation.count, "unknown/unknown", MediaTypes.ociManifest),
                (digest(m), m.count, "linux/amd64", MediaTypes.ociManifest),
            ])
        let root = index([(digest(inner), inner.count, nil, MediaTypes.ociIndex)])
        let blobs = [digest(m): m, digest(inner): inner]
        let r = try ManifestResolver(platform: Platform(os: "linux", architecture: "amd64"))
            .resolve(root: root, rootDigest: nil, subject: "index.json") { (d) throws(ImageError) in
                blobs[d.digest] ?? []
            }
        #expect(r.manifest.layers.count == 4)
        #expect(r.manifestDigest == digest(m))
        #expect(r.platform == Platform(os: "linux", architecture: "amd64"))
    }

    @Test func selectsByReferenceName() throws {
        let a = manifest(layers: 1), b = manifest(layers: 2)
        let root = Array(
            """
            {"schemaVersion":2,"manifests":[\
            {"mediaType":"\(MediaTypes.ociManifest)","digest":"\(digest(a))","size":\(a.count),\
            "annotations":{"org.opencontainers.image.ref.name":"one"}},\
            {"mediaType":"\(MediaTypes.ociManifest)","digest":"\(digest(b))","size":\(b.count),\
            "annotations":{"org.opencontainers.image.ref.name":"two"}}]}
            """.utf8
        )
        let blobs = [digest(a): a, digest(b): b]
        let r = try ManifestResolver(referenceName: "two")
            .resolve(root: root, rootDigest: nil, subject: "index.json") { (d) throws(ImageError) in
                blobs[d.digest] ?? []
            }
        #expect(r.manifest.layers.count == 2)
        #expect(throws: ImageError.self) {
            try ManifestResolver(referenceName: "three")
                .resolve(root: root, rootDigest: nil, subject: "index.json") { (d) throws(ImageError) in
                    blobs[d.digest] ?? []
                }
        }
    }

    @Test func rejectsArtifactsAndSchema1() {
        let helm = Array(
            """
            {"schemaVersion":2,"config":{"mediaType":"application/vnd.cncf.helm.config.v1+json",\
            "digest":"sha256:\(String(repeating: "a", count: 64))","size":1},"layers":[]}
            """.utf8
        )
        let error = #expect(throws: ImageError.self) { try ImageManifest(parsing: helm, subject: "m") }
        #expect(error?.code == .unsupportedMediaType)
        let v1 = Array("{\"schemaVersion\":1,\"fsLayers\":[]}".utf8)
        #expect(throws: ImageError.self) {
            try ManifestResolver().resolve(root: v1, rootDigest: nil, subject: "m") { _ in [] }
        }
    }

    /// Random mutations of manifests and indexes never crash the parsers.
    @Test(arguments: [UInt64(31), 32, 33])
    func randomMutationsNeverCrash(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let docs = [manifest(layers: 2), index([(digest(manifest()), 10, "linux/amd64", MediaTypes.ociManifest)])]
        for _ in 0..<300 {
            var doc = docs[Int.random(in: 0..<2, using: &rng)]
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                doc[Int.random(in: 0..<doc.count, using: &rng)] = UInt8.random(in: 0x20...0x7E, using: &rng)
            }
            if Bool.random(using: &rng) { doc = Array(doc.prefix(Int.random(in: 0...doc.count, using: &rng))) }
            _ = try? ManifestResolver().resolve(root: doc, rootDigest: nil, subject: "m") { _ in docs[0] }
            _ = try? ImageConfiguration(parsing: doc)
        }
    }
}
