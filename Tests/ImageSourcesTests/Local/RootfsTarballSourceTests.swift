import Foundation
import ImageSources
import OCIImage
import SecurityModel
import TestSupport
import Testing

/// The official Alpine minirootfs tarballs read as one-layer images.
struct RootfsTarballSourceTests {
    static let versions = ["3.7.3", "3.10.9", "3.11.13"]

    /// The publisher's sha512 of the tarball, from `checksums-<version>.sha512`.
    private func publishedDigest(_ version: String) throws -> Digest {
        let text = try String(
            contentsOfFile: try Local.corpus("alpine-minirootfs/checksums-\(version).sha512"),
            encoding: .utf8
        )
        let line = try #require(
            text.split(separator: "\n").first { $0.hasSuffix("alpine-minirootfs-\(version)-x86_64.tar.gz") }
        )
        return try #require(Digest("sha512:" + (line.split(separator: " ").first.map(String.init) ?? "")))
    }

    @Test(.enabled(if: Local.corpusAvailable, Local.corpusReason), arguments: versions)
    func readsMinirootfsVerifyingThePublishedChecksum(version: String) throws {
        let path = try Local.corpus("alpine-minirootfs/alpine-minirootfs-\(version)-x86_64.tar.gz")
        #expect(try ImageSourceDetector.detect(path) == .rootfsTarball(path: path))
        let source = RootfsTarballSource(path: path, reference: path, digest: try publishedDigest(version))
        let c = try Local.read(source) { $0.hasPrefix("/etc/") || $0 == "/lib/apk/db/installed" }
        #expect(c.tree.text(of: "/etc/alpine-release") == version + "\n")
        #expect(c.tree.text(of: "/etc/os-release")?.contains("ID=alpine") == true)
        #expect(c.tree.text(of: "/lib/apk/db/installed")?.contains("P:busybox\n") == true)
        #expect(c.metadata.layers.count == 1)
        #expect(c.metadata.layers[0].diffID?.hasPrefix("sha256:") == true)
        #expect(c.metadata.user == nil && c.metadata.cmd.isEmpty)
        #expect(c.tree.entry(at: "/bin/busybox")?.kind == .regular)
        #expect(c.tree.entry(at: "/bin/sh")?.kind == .symlink)
    }

    @Test(.enabled(if: Local.corpusAvailable, Local.corpusReason))
    func wrongPublishedChecksumIsADigestMismatch() throws {
        let path = try Local.corpus("alpine-minirootfs/alpine-minirootfs-3.7.3-x86_64.tar.gz")
        let wrong = try publishedDigest("3.10.9")
        let error = #expect(throws: ImageError.self) {
            try Local.read(RootfsTarballSource(path: path, reference: path, digest: wrong))
        }
        #expect(error?.code == .digestMismatch)
        #expect(error?.subject == "layer 0 (\(wrong.short))")
    }
}
