import Foundation
import ImageSources
import OCIImage
import SecurityModel
import TestSupport
import Testing

struct DirectoryFileTreeTests {
    /// `root/` (the tree) next to `outside/secret` (must never be read through the tree).
    private func makeRoot() throws -> (base: String, root: String) {
        let base = try Local.temporaryDirectory("rootfs")
        let root = base + "/root"
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/etc/apk", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: base + "/outside", withIntermediateDirectories: true)
        try Local.write(Array("host secret".utf8), to: base + "/outside/secret")
        try Local.write(Array("ID=alpine\n".utf8), to: root + "/etc/os-release")
        try Local.write(Array("image passwd".utf8), to: root + "/etc/passwd")
        try fm.createSymbolicLink(atPath: root + "/etc/apk/world", withDestinationPath: "../os-release")
        try fm.createSymbolicLink(atPath: root + "/abs-passwd", withDestinationPath: "/etc/passwd")
        try fm.createSymbolicLink(atPath: root + "/escape", withDestinationPath: "../outside/secret")
        try fm.createSymbolicLink(atPath: root + "/escape-dir", withDestinationPath: base + "/outside")
        try fm.createSymbolicLink(atPath: root + "/loop", withDestinationPath: "loop")
        try fm.setAttributes([.posixPermissions: 0o4755], ofItemAtPath: root + "/etc/passwd")
        mkfifo(root + "/fifo", 0o644)
        return (base, root)
    }

    @Test func listsEntriesWithoutFollowingSymlinks() throws {
        let (base, root) = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let tree = try DirectoryFileTree(root: root)
        #expect(
            tree.entries.map(\.path) == [
                "/", "/abs-passwd", "/escape", "/escape-dir", "/etc", "/etc/apk", "/etc/apk/world", "/etc/os-release",
                "/etc/passwd", "/fifo", "/loop",
            ]
        )
        #expect(tree.entry(at: "/escape")?.kind == .symlink)
        #expect(tree.entry(at: "/escape")?.linkTarget == "../outside/secret")
        #expect(tree.entry(at: "/etc/passwd")?.isSetUID == true)
        #expect(tree.entry(at: "/etc/os-release")?.size == 10)
        #expect(tree.entry(at: "/fifo")?.kind == .fifo)
        #expect(tree.entry(at: "/escape-dir/secret") == nil)
        #expect(tree.skipped.isEmpty)
    }

    @Test func wideDirectoriesDoNotExhaustDescriptors() throws {
        let base = try Local.temporaryDirectory("wide")
        defer { try? FileManager.default.removeItem(atPath: base) }
        for i in 0..<3000 {
            try FileManager.default.createDirectory(atPath: base + "/d\(i)/sub", withIntermediateDirectories: true)
        }
        let tree = try DirectoryFileTree(root: base)
        #expect(tree.entries.count == 1 + 6000)
        #expect(tree.skipped.isEmpty)
    }

    @Test func readsContentResolvingSymlinksInsideTheRootOnly() throws {
        let (base, root) = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let tree = try DirectoryFileTree(root: root)
        #expect(tree.text(of: "/etc/os-release") == "ID=alpine\n")
        #expect(tree.text(of: "/etc/apk/world") == "ID=alpine\n")
        // An absolute link means the tree's own /etc/passwd, never the host's.
        #expect(tree.text(of: "/abs-passwd") == "image passwd")
        // Links climbing out of the root resolve inside it, where there is no such file.
        for link in ["/escape", "/escape-dir/secret"] {
            let error = #expect(throws: FileTreeError.self) { try tree.contents(of: link) }
            #expect(error?.code == .notFound)
        }
        #expect(throws: FileTreeError.self) { try tree.contents(of: "/loop") }
        let fifo = #expect(throws: FileTreeError.self) { try tree.contents(of: "/fifo") }
        #expect(fifo?.code == .notARegularFile)
        let big = #expect(throws: FileTreeError.self) { try tree.contents(of: "/etc/os-release", limit: 3) }
        #expect(big?.code == .tooLarge)
    }

    @Test func fileSwappedForASymlinkAfterListingIsNotFollowed() throws {
        let (base, root) = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let tree = try DirectoryFileTree(root: root)
        try FileManager.default.removeItem(atPath: root + "/etc/os-release")
        try FileManager.default.createSymbolicLink(
            atPath: root + "/etc/os-release",
            withDestinationPath: base + "/outside/secret"
        )
        let error = #expect(throws: FileTreeError.self) { try tree.contents(of: "/etc/os-release") }
        #expect(error?.code == .unreadable)
    }

    @Test func missingRootIsAnError() {
        let error = #expect(throws: ImageError.self) { try DirectoryFileTree(root: "/nonexistent/bulkhead-root") }
        #expect(error?.code == .notFound)
    }

    @Test(.enabled(if: Local.corpusAvailable, Local.corpusReason))
    func unpackedMinirootfsMatchesTheTarball() throws {
        let tarball = try Local.corpus("alpine-minirootfs/alpine-minirootfs-3.11.13-x86_64.tar.gz")
        let base = try Local.temporaryDirectory("unpacked")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let result = try runProcessBlocking(["tar", "-xzf", tarball, "-C", base, "--no-same-owner"])
        try #require(result.status == 0, "tar failed: \(result.stderr)")
        let directory = try DirectoryFileTree(root: base)
        let image = try Local.read(RootfsTarballSource(path: tarball, reference: tarball)) {
            $0 == "/lib/apk/db/installed"
        }
        #expect(directory.entries.map(\.path) == image.tree.entries.map(\.path))
        #expect(directory.text(of: "/lib/apk/db/installed") == image.tree.text(of: "/lib/apk/db/installed"))
        #expect(directory.text(of: "/etc/alpine-release") == "3.11.13\n")
    }
}
