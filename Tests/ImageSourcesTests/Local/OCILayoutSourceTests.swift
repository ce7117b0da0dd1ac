import Foundation
import ImageSources
import OCIImage
import SecurityModel
import TestSupport
import Testing

struct OCILayoutSourceTests {
    private func image(_ arch: String, variant: String? = nil, marker: String) -> TestImage {
        var w = TarWriter()
        w.file("etc/arch", marker)
        var image = TestImage(layers: [w.finish()])
        image.architecture = arch
        image.variant = variant
        return image
    }

    private func layout(_ files: ImageArchiveBuilder.Files, asTar: Bool, in dir: String) throws -> String {
        if asTar {
            let path = dir + "/layout.tar"
            try Local.write(ImageArchiveBuilder.tar(files), to: path)
            return path
        }
        let path = dir + "/layout"
        try ImageArchiveBuilder.write(files, to: path)
        return path
    }

    @Test(arguments: [false, true])
    func selectsThePlatformFromAMultiPlatformLayout(asTar: Bool) throws {
        let dir = try Local.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = Local.builder.ociLayout(
            [image("amd64", marker: "amd64"), image("arm64", variant: "v8", marker: "arm64")],
            tag: "multi"
        )
        let path = try layout(files, asTar: asTar, in: dir)
        #expect(try ImageSourceDetector.detect(path) == .ociLayout(path: path, tag: nil))
        let amd = try Local.read(
            try OCILayoutSource(path: path, reference: path, platform: try Platform.parse("linux/amd64"))
        )
        #expect(amd.tree.text(of: "/etc/arch") == "amd64")
        #expect(amd.metadata.architecture == "amd64")
        #expect(amd.metadata.manifestDigest?.hasPrefix("sha256:") == true)
        let arm = try Local.read(
            try OCILayoutSource(path: path, reference: path, tag: "multi", platform: try Platform.parse("linux/arm64"))
        )
        #expect(arm.tree.text(of: "/etc/arch") == "arm64")
        let none = #expect(throws: ImageError.self) {
            try OCILayoutSource(path: path, reference: path, platform: try Platform.parse("linux/riscv64")).resolve()
        }
        #expect(none?.code == .notFound)
        let wrongTag = #expect(throws: ImageError.self) {
            try OCILayoutSource(path: path, reference: path, tag: "other").resolve()
        }
        #expect(wrongTag?.code == .notFound)
    }

    @Test func readsAGzipCompressedLayoutTar() throws {
        let dir = try Local.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = Local.builder.ociLayout([image("amd64", marker: "x")])
        let path = dir + "/layout.tar.gz"
        try Local.write(Local.gzip(ImageArchiveBuilder.tar(files)), to: path)
        let c = try Local.read(
            try OCILayoutSource(
                path: path,
                reference: "oci:" + path,
                platform: Platform(os: "linux", architecture: "amd64")
            )
        )
        #expect(c.tree.text(of: "/etc/arch") == "x")
        #expect(c.metadata.reference == "oci:" + path)
    }

    @Test func tamperedMissingOrTruncatedBlobsFailNamingTheLayer() throws {
        let dir = try Local.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = Local.builder.ociLayout([image("amd64", marker: "original")])
        let path = try layout(files, asTar: false, in: dir)
        let layerPath = try #require(files.first { $0.bytes.count > 20 && $0.bytes[0] == 0x1F }?.path)
        let source = try OCILayoutSource(
            path: path,
            reference: path,
            platform: Platform(os: "linux", architecture: "amd64")
        )

        // The same layer with one content byte changed: a valid tar of the same size, wrong digest.
        let uncompressed = Local.builder.ociLayout([image("amd64", marker: "original")], compressLayers: false)
        let plainPath = try layout(uncompressed, asTar: false, in: dir + "/plain")
        let plainLayer = try #require(uncompressed.first { $0.bytes.count > 1000 }?.path)
        var changed = try #require(uncompressed.first { $0.path == plainLayer }?.bytes)
        let at = try #require(changed.firstIndex(of: UInt8(ascii: "g")))
        changed[at] = UInt8(ascii: "G")
        try Local.write(changed, to: plainPath + "/" + plainLayer)
        let plainSource = try OCILayoutSource(path: plainPath, reference: plainPath)
        let mismatch = #expect(throws: ImageError.self) { try Local.read(plainSource) }
        #expect(mismatch?.code == .digestMismatch)
        let plainDigest = "sha256:" + (plainLayer.split(separator: "/").last.map(String.init) ?? "")
        #expect(mismatch?.subject == "layer 0 (\(Digest(plainDigest)?.short ?? ""))")
        #expect(mismatch?.message.contains(plainDigest) == true)

        // The original bytes, cut short.
        let original = try #require(files.first { $0.path == layerPath }?.bytes)
        try Local.write(Array(original.dropLast(10)), to: path + "/" + layerPath)
        let truncated = #expect(throws: ImageError.self) { try Local.read(source) }
        #expect(truncated?.code == .truncated)
        #expect(truncated?.subject.hasPrefix("layer 0") == true)

        try FileManager.default.removeItem(atPath: path + "/" + layerPath)
        let missing = #expect(throws: ImageError.self) { try Local.read(source) }
        #expect(missing?.code == .notFound)
        #expect(missing?.subject.hasPrefix("layer 0") == true)
    }

    @Test func notALayoutIsRejected() throws {
        let dir = try Local.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = #expect(throws: ImageError.self) { try OCILayoutSource(path: dir, reference: dir) }
        #expect(error?.code == .unsupportedFormat)
    }
}
