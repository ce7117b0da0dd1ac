import Foundation
import ImageSources
import OCIImage
import TestSupport
import Testing

struct ImageSourceDetectorTests {
    @Test func explicitPrefixesWin() throws {
        #expect(
            try ImageSourceDetector.detect("docker-archive:/x/img.tar") == .dockerArchive(path: "/x/img.tar", tag: nil)
        )
        #expect(
            try ImageSourceDetector.detect("docker-archive:/x/img.tar:app:1")
                == .dockerArchive(path: "/x/img.tar:app", tag: "1")
        )
        #expect(try ImageSourceDetector.detect("oci:/x/layout:v1") == .ociLayout(path: "/x/layout", tag: "v1"))
        #expect(try ImageSourceDetector.detect("oci-archive:/x/l.tar") == .ociLayout(path: "/x/l.tar", tag: nil))
        #expect(try ImageSourceDetector.detect("dir:/srv/rootfs") == .rootfsDirectory(path: "/srv/rootfs"))
        #expect(try ImageSourceDetector.detect("rootfs:/x/alpine.tar.gz") == .rootfsTarball(path: "/x/alpine.tar.gz"))
        #expect(try ImageSourceDetector.detect("docker:alpine:3.19") == .dockerEngine(reference: "alpine:3.19"))
        #expect(try ImageSourceDetector.detect("registry:ghcr.io/a/b:1") == .registry(reference: "ghcr.io/a/b:1"))
    }

    @Test func referencesAndMissingPaths() throws {
        #expect(try ImageSourceDetector.detect("alpine:3.19") == .reference("alpine:3.19"))
        #expect(try ImageSourceDetector.detect("registry:5000/team/app:1") == .reference("registry:5000/team/app:1"))
        #expect(try ImageSourceDetector.detect("localhost:5000/app") == .reference("localhost:5000/app"))
        let pinned = "ghcr.io/org/app@sha256:" + String(repeating: "a", count: 64)
        #expect(try ImageSourceDetector.detect(pinned) == .reference(pinned))
        for path in ["./missing.tar", "/nonexistent/dir", "image.tar.gz"] {
            let error = #expect(throws: ImageError.self) { try ImageSourceDetector.detect(path) }
            #expect(error?.code == .notFound)
        }
    }

    @Test func classifiesDirectoriesAndFiles() throws {
        let dir = try Local.temporaryDirectory("detect")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var layer = TarWriter()
        layer.file("etc/x", "1")
        let image = TestImage(layers: [layer.finish()])
        try ImageArchiveBuilder.write(Local.builder.ociLayout([image]), to: dir + "/layout")
        #expect(try ImageSourceDetector.detect(dir + "/layout") == .ociLayout(path: dir + "/layout", tag: nil))
        try FileManager.default.createDirectory(atPath: dir + "/rootfs/etc", withIntermediateDirectories: true)
        #expect(try ImageSourceDetector.detect(dir + "/rootfs") == .rootfsDirectory(path: dir + "/rootfs"))
        let oci = ImageArchiveBuilder.tar(Local.builder.ociLayout([image]))
        let docker = ImageArchiveBuilder.tar(Local.builder.dockerSave([(image, ["a:1"])]))
        let cases: [(String, [UInt8], (String) -> ImageSourceKind)] = [
            ("oci.tar", oci, { .ociLayout(path: $0, tag: nil) }),
            ("docker.tar", docker, { .dockerArchive(path: $0, tag: nil) }),
            ("docker.tar.gz", Local.gzip(docker), { .dockerArchive(path: $0, tag: nil) }),
            ("rootfs.tar", layer.finish(), { .rootfsTarball(path: $0) }),
            ("rootfs.tgz", Local.gzip(layer.finish()), { .rootfsTarball(path: $0) }),
        ]
        for (name, bytes, expected) in cases {
            let path = dir + "/" + name
            try Local.write(bytes, to: path)
            #expect(try ImageSourceDetector.detect(path) == expected(path), "\(name)")
        }
        try Local.write(
            Array("not an archive at all, just text".utf8) + [UInt8](repeating: 0x41, count: 600),
            to: dir + "/text"
        )
        let error = #expect(throws: ImageError.self) { try ImageSourceDetector.detect(dir + "/text") }
        #expect(error?.code == .unsupportedFormat)
    }
}
