import Foundation
import OCIImage
import SecurityModel
import TestSupport
import Testing

struct ImageReaderTests {
    private func twoLayers() -> [[UInt8]] {
        var base = TarWriter()
        base.file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
        base.file("bin/busybox", [UInt8](repeating: 0xAB, count: 10_000), mode: 0o755)
        var app = TarWriter()
        app.file("app/server", "#!/bin/sh\n", mode: 0o755, uid: 1000)
        app.whiteout("bin/busybox")
        return [base.finish(), app.finish()]
    }

    private let configExtra = """
        "created":"2024-01-02T03:04:05Z","config":{"User":"1000:1000","Env":["PATH=/usr/bin","SECRET=x"],\
        "Labels":{"maintainer":"me"},"Entrypoint":["/app/server"],"Cmd":["--port","80"],"WorkingDir":"/app",\
        "ExposedPorts":{"80/tcp":{}},"Volumes":{"/data":{}},"Healthcheck":{"Test":["CMD","true"]},"StopSignal":"SIGTERM"},\
        "history":[{"created_by":"ADD rootfs.tar /"},{"created_by":"ENV A=b","empty_layer":true},\
        {"created_by":"COPY server /app/"}]
        """

    @Test func readsConfigLayersAndTree() throws {
        let tars = twoLayers()
        let source = MemoryImageSource(tars: tars, configExtra: configExtra)
        let contents = try ImageReader(source: source).read { $0 == "/etc/os-release" }
        let m = contents.metadata
        #expect(m.user == "1000:1000")
        #expect(m.env == ["PATH=/usr/bin", "SECRET=x"])
        #expect(m.labels == ["maintainer": "me"])
        #expect(m.entrypoint == ["/app/server"] && m.cmd == ["--port", "80"])
        #expect(m.workingDir == "/app" && m.exposedPorts == ["80/tcp"] && m.volumes == ["/data"])
        #expect(m.healthcheck == ["CMD", "true"] && m.stopSignal == "SIGTERM")
        #expect(m.os == "linux" && m.architecture == "amd64" && m.created == "2024-01-02T03:04:05Z")
        #expect(m.history.map(\.emptyLayer) == [false, true, false])
        #expect(m.layers.map(\.createdBy) == ["ADD rootfs.tar /", "COPY server /app/"])
        #expect(m.layers.map(\.uncompressedSize) == tars.map(\.count))
        #expect(m.layers.map(\.diffID) == tars.map(TestCodec.sha256))
        #expect(contents.tree.text(of: "/etc/os-release") == "ID=alpine\nVERSION_ID=3.19.1\n")
        #expect(contents.tree.entry(at: "/bin/busybox") == nil)
        #expect(contents.tree.entry(at: "/app/server")?.layerIndex == 1)
        #expect(contents.statistics.layers.map(\.deletionCount) == [0, 1])
        #expect(contents.statistics.wastedBytes == 10_000)
        #expect(contents.diagnostics.isEmpty)
    }

    @Test func readsUncompressedAndZstdLayers() throws {
        for compress: ([UInt8]) -> [UInt8] in [{ $0 }, { TestCodec.zstd($0) }] {
            let contents = try ImageReader(source: MemoryImageSource(tars: twoLayers(), compress: compress)).read { _ in
                true
            }
            #expect(contents.tree.text(of: "/app/server") == "#!/bin/sh\n")
        }
    }

    @Test func imageWithoutConfigComputesDiffIDs() throws {
        var source = MemoryImageSource(tars: twoLayers())
        source.config = []
        source.metadata.configDigest = nil
        let contents = try ImageReader(source: source).read { _ in false }
        #expect(contents.metadata.layers.map(\.diffID) == twoLayers().map(TestCodec.sha256))
    }

    @Test func wrongLayerDigestFailsNamingTheLayer() {
        var source = MemoryImageSource(tars: twoLayers())
        source.layers[1].digest = "sha256:" + String(repeating: "0", count: 64)
        let error = #expect(throws: ImageError.self) { try ImageReader(source: source).read { _ in false } }
        #expect(error?.code == .digestMismatch)
        #expect(error?.subject == "layer 1 (sha256:000000000000)")
    }

    @Test func tamperedLayerFailsEvenWithAValidTar() {
        var source = MemoryImageSource(tars: twoLayers())
        var other = TarWriter()
        other.file("app/server", "evil")
        source.blobs[1] = TestCodec.gzip(other.finish())
        source.layers[1].size = source.blobs[1].count
        let error = #expect(throws: ImageError.self) { try ImageReader(source: source).read { _ in false } }
        #expect(error?.code == .digestMismatch)
        #expect(error?.subject.hasPrefix("layer 1") == true)
    }

    @Test func wrongDiffIDFailsNamingTheLayer() {
        let tars = twoLayers()
        let bad = "sha256:" + String(repeating: "1", count: 64)
        let source = MemoryImageSource(
            tars: tars,
            configExtra: "\"history\":[]"
        )
        var patched = source
        let config = String(decoding: source.config, as: UTF8.self)
            .replacingOccurrences(of: TestCodec.sha256(tars[0]), with: bad)
        patched.config = Array(config.utf8)
        patched.metadata.configDigest = TestCodec.sha256(patched.config)
        let error = #expect(throws: ImageError.self) { try ImageReader(source: patched).read { _ in false } }
        #expect(error?.code == .digestMismatch)
        #expect(error?.subject.hasPrefix("layer 0") == true)
    }

    @Test func truncatedLayerFailsNamingTheLayer() {
        var source = MemoryImageSource(tars: twoLayers())
        source.blobs[0] = Array(source.blobs[0].dropLast(20))
        let error = #expect(throws: ImageError.self) { try ImageReader(source: source).read { _ in false } }
        #expect(error?.code == .truncated)
        #expect(error?.subject.hasPrefix("layer 0") == true)
        // Without a declared size the decompressor notices the cut.
        source.layers[0].size = nil
        source.layers[0].digest = nil
        let unsized = #expect(throws: ImageError.self) { try ImageReader(source: source).read { _ in false } }
        #expect(unsized?.code == .truncated)
    }

    @Test func configDigestAndDiffIDCountAreChecked() {
        var source = MemoryImageSource(tars: twoLayers())
        source.metadata.configDigest = "sha256:" + String(repeating: "2", count: 64)
        let error = #expect(throws: ImageError.self) { try ImageReader(source: source).read { _ in false } }
        #expect(error?.code == .digestMismatch)
        var short = MemoryImageSource(tars: twoLayers())
        short.layers.removeLast()
        short.blobs.removeLast()
        let count = #expect(throws: ImageError.self) { try ImageReader(source: short).read { _ in false } }
        #expect(count?.code == .malformed)
    }

    @Test func smallBombIsStoppedWithAClearError() {
        var w = TarWriter()
        w.file("zeros", [UInt8](repeating: 0, count: 32 << 20))
        let source = MemoryImageSource(tars: [w.finish()])
        let limits = ImageReadLimits(maximumExpansionRatio: 100, expansionCheckThreshold: 4 << 20)
        let error = #expect(throws: ImageError.self) {
            try ImageReader(source: source, limits: limits).read { _ in false }
        }
        #expect(error?.code == .decompressionBomb)
        #expect(error?.subject.hasPrefix("layer 0") == true)
    }

    /// The 10 GB of zeros, read with the default limits: built as 10 240 gzip members of
    /// 1 MiB of zeros (about 10 MB) and refused after the expansion threshold, within seconds.
    @Test func tenGigabyteBombIsStoppedEarlyWithDefaultLimits() {
        let zeros = TestCodec.gzip([UInt8](repeating: 0, count: 1 << 20), level: 9)
        let header = TarWriter.header(name: Array("bomb".utf8), type: UInt8(ascii: "0"), size: 10 << 30)
        var blob = TestCodec.gzip(header)
        blob.reserveCapacity(zeros.count * 10_240 + 100)
        for _ in 0..<10_240 { blob.append(contentsOf: zeros) }
        var source = MemoryImageSource(tars: [])
        source.blobs = [blob]
        source.layers = [LayerInfo(digest: TestCodec.sha256(blob), size: blob.count)]
        source.config = []
        let error = #expect(throws: ImageError.self) { try ImageReader(source: source).read { _ in true } }
        #expect(error?.code == .decompressionBomb)
        #expect(error?.subject.hasPrefix("layer 0 (sha256:") == true)
    }
}
