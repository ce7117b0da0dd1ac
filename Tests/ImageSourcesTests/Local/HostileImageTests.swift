import Foundation
import ImageSources
import OCIImage
import SecurityModel
import TestSupport
import Testing

/// The hostile images: each is read (or refused) with a clear message naming the layer,
/// every file's content is sent to a scratch store, and a sentinel directory that the hostile paths
/// aim at proves nothing outside the scratch directory was touched.
struct HostileImageTests {
    /// A workspace: `sentinel/` (the target of every hostile path) and `scratch/` (the only place the
    /// reader may write).
    private struct Workspace {
        let root: String
        var sentinel: String { root + "/sentinel" }
        var scratch: String { root + "/scratch" }
        /// The sentinel as a relative path that climbs from anywhere to it.
        var climbingToSentinel: String { String(repeating: "../", count: 40) + sentinel.dropFirst() }

        init() throws {
            root = try Local.temporaryDirectory("hostile")
            try FileManager.default.createDirectory(atPath: root + "/sentinel", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root + "/scratch", withIntermediateDirectories: true)
            try Local.write(Array("untouched".utf8), to: root + "/sentinel/canary")
        }

        /// Nothing was created, changed or removed in the sentinel; the scratch directory is empty
        /// again once the store is gone.
        func expectUntouched(sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(Local.listing(sentinel) == ["canary"], sourceLocation: sourceLocation)
            let canary = try? String(contentsOfFile: sentinel + "/canary", encoding: .utf8)
            #expect(canary == "untouched", sourceLocation: sourceLocation)
            #expect(Local.listing(scratch).isEmpty, "scratch left behind", sourceLocation: sourceLocation)
        }

        func cleanUp() { try? FileManager.default.removeItem(atPath: root) }

        /// Writes a legacy `docker save` archive of `layers` and returns its path.
        func archive(_ layers: [[UInt8]], name: String = "image.tar") throws -> String {
            let path = root + "/" + name
            try Local.write(
                ImageArchiveBuilder.tar(Local.builder.dockerSave([(TestImage(layers: layers), ["hostile:1"])])),
                to: path
            )
            return path
        }

        /// Reads with every file kept in a scratch store under `scratch/`, checking while the store is
        /// alive that it only holds its own numbered files.
        func read(_ source: any ImageSource, limits: ImageReadLimits = ImageReadLimits()) throws -> ImageContents {
            let store = try ScratchContentStore(parent: scratch)
            let contents = try ImageReader(source: source, limits: limits, store: store).read { _ in true }
            let names = Local.listing(scratch)
            #expect(names.allSatisfy { $0.hasPrefix("bulkhead-scratch-") })
            #expect(
                names.filter { $0.contains("/") }.allSatisfy { $0.split(separator: "/").last?.hasPrefix("c") == true }
            )
            return contents
        }
    }

    @Test func dotDotPathsStayInsideTheImageOrAreRejected() throws {
        let ws = try Workspace()
        defer { ws.cleanUp() }
        var w = TarWriter()
        w.file(ws.climbingToSentinel + "/dotdot.txt", "pwned")
        w.file("etc/ok", "ok")
        let path = try ws.archive([TarWriter().finish(), w.finish()])
        do {
            let c = try ws.read(try DockerArchiveSource(path: path, reference: path))
            #expect(c.tree.text(of: ws.sentinel + "/dotdot.txt") == "pwned")
            let d = try #require(c.diagnostics.first)
            #expect(d.code == .unsafePath && d.layerIndex == 1 && d.subject.hasPrefix("layer 1"))
            #expect(d.description.contains("climbs above the image root"))
        }
        let error = #expect(throws: ImageError.self) {
            try ws.read(
                try DockerArchiveSource(path: path, reference: path),
                limits: ImageReadLimits(unsafePaths: .reject)
            )
        }
        #expect(error?.code == .unsafePath)
        #expect(error?.subject.hasPrefix("layer 1") == true)
        ws.expectUntouched()
    }

    @Test func absolutePathsStayInsideTheImage() throws {
        let ws = try Workspace()
        defer { ws.cleanUp() }
        var w = TarWriter()
        w.file(ws.sentinel + "/absolute.txt", "pwned")
        w.hardlink(ws.sentinel + "/hardlink", to: ws.sentinel + "/canary")
        let path = try ws.archive([w.finish()])
        do {
            let c = try ws.read(try DockerArchiveSource(path: path, reference: path))
            #expect(c.tree.text(of: ws.sentinel + "/absolute.txt") == "pwned")
            #expect(c.diagnostics.map(\.code) == [.hardLinkTargetMissing])
            #expect(throws: FileTreeError.self) { try c.tree.contents(of: ws.sentinel + "/hardlink") }
        }
        ws.expectUntouched()
    }

    @Test func writeThroughASymlinkOutOfTheRootLandsInsideTheImage() throws {
        let ws = try Workspace()
        defer { ws.cleanUp() }
        var links = TarWriter()
        links.symlink("abs", to: ws.sentinel)
        links.symlink("rel", to: ws.climbingToSentinel)
        var writes = TarWriter()
        writes.file("abs/through-absolute.txt", "pwned")
        writes.file("rel/through-relative.txt", "pwned")
        writes.file("abs/canary", "overwritten")
        let path = try ws.archive([links.finish(), writes.finish()])
        do {
            let c = try ws.read(try DockerArchiveSource(path: path, reference: path))
            #expect(c.tree.text(of: ws.sentinel + "/through-absolute.txt") == "pwned")
            #expect(c.tree.text(of: ws.sentinel + "/through-relative.txt") == "pwned")
            #expect(c.tree.text(of: "/abs/canary") == "overwritten")
            let writesThrough = c.diagnostics.filter { $0.code == .writeThroughSymlink }
            #expect(writesThrough.count == 3)
            #expect(writesThrough.allSatisfy { $0.layerIndex == 1 && $0.subject.hasPrefix("layer 1") })
            #expect(c.diagnostics.contains { $0.code == .symlinkOutsideRoot && $0.path == "/rel" })
        }
        ws.expectUntouched()
    }

    @Test func gzipBombIsStoppedNamingTheLayer() throws {
        let ws = try Workspace()
        defer { ws.cleanUp() }
        var w = TarWriter()
        w.file("zeros", [UInt8](repeating: 0, count: 64 << 20))
        let files = Local.builder.ociLayout([TestImage(layers: [w.finish()])])
        let path = ws.root + "/bomb.tar"
        try Local.write(ImageArchiveBuilder.tar(files), to: path)
        let limits = ImageReadLimits(maximumExpansionRatio: 100, expansionCheckThreshold: 8 << 20)
        let error = #expect(throws: ImageError.self) {
            try ws.read(
                try OCILayoutSource(
                    path: path,
                    reference: path,
                    platform: Platform(os: "linux", architecture: "amd64")
                ),
                limits: limits
            )
        }
        #expect(error?.code == .decompressionBomb)
        #expect(error?.subject.hasPrefix("layer 0 (sha256:") == true)
        ws.expectUntouched()
    }

    @Test func truncatedLayerFailsNamingTheLayer() throws {
        let ws = try Workspace()
        defer { ws.cleanUp() }
        var w = TarWriter()
        w.file("big", [UInt8](repeating: 7, count: 100_000))
        let layer = w.finish()
        let path = try ws.archive([TarWriter().finish(), Array(layer.prefix(50_000))])
        let error = #expect(throws: ImageError.self) {
            try ws.read(try DockerArchiveSource(path: path, reference: path))
        }
        #expect(error?.code == .truncated)
        #expect(error?.subject.hasPrefix("layer 1") == true)
        ws.expectUntouched()
    }

    @Test func wrongDigestFailsNamingTheLayer() throws {
        let ws = try Workspace()
        defer { ws.cleanUp() }
        var w = TarWriter()
        w.file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
        // A legacy archive whose layer.tar was swapped after the config recorded its diff_id.
        var files = Local.builder.dockerSave([(TestImage(layers: [w.finish()]), ["t:1"])])
        var evil = TarWriter()
        evil.file("etc/passwd", "root::0:0::/root:/bin/sh\n")
        let index = try #require(files.firstIndex { $0.path.hasSuffix("/layer.tar") })
        files[index].bytes = evil.finish()
        let path = ws.root + "/swapped.tar"
        try Local.write(ImageArchiveBuilder.tar(files), to: path)
        let error = #expect(throws: ImageError.self) {
            try ws.read(try DockerArchiveSource(path: path, reference: path))
        }
        #expect(error?.code == .digestMismatch)
        #expect(error?.subject.hasPrefix("layer 0") == true)
        ws.expectUntouched()
    }

    @Test func manifestPointingToItselfIsALoop() throws {
        let ws = try Workspace()
        defer { ws.cleanUp() }
        let loopDigest = "sha256:" + String(repeating: "f", count: 64)
        let descriptor =
            "{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\"\(loopDigest)\",\"size\":%d}"
        let body = "{\"schemaVersion\":2,\"manifests\":[" + descriptor + "]}"
        let blob = Array(String(format: body, 200).utf8)
        let padded = blob + [UInt8](repeating: 0x20, count: 200 - blob.count)
        let files: ImageArchiveBuilder.Files = [
            ("oci-layout", Array("{\"imageLayoutVersion\":\"1.0.0\"}".utf8)),
            ("index.json", Array(String(format: body, 200).utf8)),
            ("blobs/sha256/" + String(repeating: "f", count: 64), padded),
        ]
        let dir = ws.root + "/loop"
        try ImageArchiveBuilder.write(files, to: dir)
        let error = #expect(throws: ImageError.self) { try ws.read(try OCILayoutSource(path: dir, reference: dir)) }
        #expect(error?.code == .manifestLoop)
        #expect(error?.subject == "manifest sha256:ffffffffffff")
        ws.expectUntouched()
    }

    @Test(.enabled(if: Local.corpusAvailable, Local.corpusReason))
    func corpusEscapeAndAttackImagesTouchNothing() throws {
        let ws = try Workspace()
        defer { ws.cleanUp() }
        let escape = try Local.corpus("synthetic-layer-tars/osv-scalibr-unpack/escape.tar")
        _ = try ws.read(RootfsTarballSource(path: escape, reference: escape))
        for name in ["osv-scalibr-layerscanning/symlink-attack.tar", "osv-scalibr-unpack/symlinks.tar"] {
            let path = try Local.corpus("synthetic-layer-tars/" + name)
            _ = try ws.read(try DockerArchiveSource(path: path, reference: path, scratchParent: ws.scratch))
        }
        ws.expectUntouched()
    }
}
