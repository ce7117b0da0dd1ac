import Foundation
import ImageSources
import OCIImage
import SecurityModel
import TestSupport
import Testing

struct DockerArchiveSourceTests {
    @Test(
        .enabled(if: Local.corpusAvailable, Local.corpusReason),
        arguments: [
            ("alpine-3.10.4-docker-save.tar.gz", "3.10.4", "alpine:3.10"),
            ("alpine-3.11.5-docker-save.tar.gz", "3.11.5", "alpine:3.11"),
        ]
    )
    func readsCorpusDockerSaveArchives(file: String, version: String, tag: String) throws {
        let path = try Local.corpus("docker-save/" + file)
        #expect(try ImageSourceDetector.detect(path) == .dockerArchive(path: path, tag: nil))
        let scratch = try Local.temporaryDirectory("scratch")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let contents: ImageContents
        do {
            let source = try DockerArchiveSource(path: path, reference: path, scratchParent: scratch)
            // The gzip archive was decompressed into a private scratch directory.
            #expect(Local.listing(scratch).count == 2)
            contents = try ImageReader(source: source).read {
                $0 == "/etc/alpine-release" || $0 == "/lib/apk/db/installed"
            }
        }
        // …which is gone with the source.
        #expect(Local.listing(scratch).isEmpty)
        let m = contents.metadata
        #expect(m.layers.count == 1)
        #expect(m.repoTags == [tag])
        #expect(m.cmd == ["/bin/sh"])
        #expect(m.user == "")
        #expect(m.env == ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"])
        #expect(m.history.count == 2 && m.history[1].emptyLayer)
        #expect(m.layers[0].createdBy?.contains("ADD file:") == true)
        #expect(m.layers[0].uncompressedSize ?? 0 > 5_000_000)
        #expect(m.configDigest?.hasPrefix("sha256:") == true)
        #expect(contents.tree.text(of: "/etc/alpine-release") == version + "\n")
        #expect(contents.tree.text(of: "/lib/apk/db/installed")?.contains("P:musl\n") == true)
        #expect(contents.tree.entry(at: "/bin/sh")?.kind == .symlink)
        #expect(contents.tree.entry(at: "/bin/busybox")?.isSetUID == false)
        #expect(contents.statistics.layers.first?.entryCount ?? 0 > 400)
        #expect(contents.diagnostics.isEmpty)
    }

    @Test func readsLegacyArchivesPlainAndGzippedWithSeveralImages() throws {
        var base = TarWriter()
        base.file("etc/os-release", "ID=test\n")
        var app = TarWriter()
        app.file("app/run.sh", "#!/bin/sh\n", mode: 0o755)
        var first = TestImage(layers: [base.finish(), app.finish()])
        first.user = "app"
        first.cmd = ["/app/run.sh"]
        let second = TestImage(layers: [base.finish()])
        let files = Local.builder.dockerSave([(first, ["example/app:1.0"]), (second, ["example/base:latest"])])
        let archive = ImageArchiveBuilder.tar(files)
        let dir = try Local.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, bytes) in [("plain.tar", archive), ("gzipped.tar.gz", Local.gzip(archive))] {
            let path = dir + "/" + name
            try Local.write(bytes, to: path)
            #expect(try ImageSourceDetector.detect(path) == .dockerArchive(path: path, tag: nil))
            let several = #expect(throws: ImageError.self) { try DockerArchiveSource(path: path, reference: path) }
            #expect(several?.code == .notFound)
            let app = try Local.read(try DockerArchiveSource(path: path, reference: path, tag: "example/app:1.0"))
            #expect(app.metadata.user == "app" && app.metadata.cmd == ["/app/run.sh"])
            #expect(app.metadata.layers.count == 2)
            #expect(app.tree.text(of: "/app/run.sh") == "#!/bin/sh\n")
            // The base layer of the second image is a symlink to the first image's layer.tar.
            let base = try Local.read(try DockerArchiveSource(path: path, reference: path, tag: "example/base"))
            #expect(base.tree.text(of: "/etc/os-release") == "ID=test\n")
            #expect(base.tree.entry(at: "/app") == nil)
        }
    }

    @Test func readsDocker25ArchivesWithAnEmbeddedOCILayout() throws {
        var layer = TarWriter()
        layer.file("etc/motd", "hello\n")
        var image = TestImage(layers: [layer.finish()])
        image.cmd = ["sh"]
        let dir = try Local.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // With manifest.json (Docker 25+) and without (an OCI layout tar read as a docker archive).
        for withManifest in [true, false] {
            let files = Local.builder.ociLayout(
                [image],
                tag: "example:1",
                compressLayers: false,
                dockerSaveManifest: withManifest
            )
            let path = dir + "/image-\(withManifest).tar"
            try Local.write(ImageArchiveBuilder.tar(files), to: path)
            let contents = try Local.read(try DockerArchiveSource(path: path, reference: "ref"))
            #expect(contents.tree.text(of: "/etc/motd") == "hello\n")
            #expect(contents.metadata.cmd == ["sh"])
            #expect(contents.metadata.layers.first?.digest?.hasPrefix("sha256:") == true)
            #expect(contents.metadata.reference == "ref")
        }
    }

    @Test func archiveWithoutManifestIsRejected() throws {
        var w = TarWriter()
        w.file("hello.txt", "x")
        let dir = try Local.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Local.write(w.finish(), to: dir + "/a.tar")
        let error = #expect(throws: ImageError.self) { try DockerArchiveSource(path: dir + "/a.tar", reference: "a") }
        #expect(error?.code == .unsupportedFormat)
        let missing = #expect(throws: ImageError.self) {
            try DockerArchiveSource(path: dir + "/none.tar", reference: "a")
        }
        #expect(missing?.code == .notFound)
    }
}
