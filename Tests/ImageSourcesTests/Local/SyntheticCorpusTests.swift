import Foundation
import ImageSources
import OCIImage
import SecurityModel
import TestSupport
import Testing

/// osv-scalibr's tiny `docker save` images for layer and symlink handling, read end to end.
struct SyntheticCorpusTests {
    private func read(_ name: String) throws -> ImageContents {
        let path = try Local.corpus("synthetic-layer-tars/" + name)
        return try Local.read(try DockerArchiveSource(path: path, reference: name))
    }

    private func files(_ tree: some FileTree) -> [String] {
        tree.entries.filter { $0.kind != .directory }.map(\.path)
    }

    @Test(
        .enabled(if: Local.corpusAvailable, Local.corpusReason),
        arguments: ["osv-scalibr-layerscanning/basic.tar", "osv-scalibr-unpack/basic.tar"]
    )
    func basicImagesHaveBothLayers(name: String) throws {
        let c = try read(name)
        #expect(c.metadata.layers.count == 2)
        #expect(files(c.tree) == ["/larger-sample.txt", "/sample.txt"])
        #expect(c.tree.text(of: "/sample.txt") == "sample text file\n")
        #expect(c.tree.entry(at: "/larger-sample.txt")?.size == 6800)
        #expect(c.tree.entry(at: "/larger-sample.txt")?.layerIndex == 1)
    }

    @Test(.enabled(if: Local.corpusAvailable, Local.corpusReason))
    func overwrittenFileComesFromTheTopLayer() throws {
        let c = try read("osv-scalibr-layerscanning/overwrite-file.tar")
        #expect(c.tree.text(of: "/sample.txt") == "overwritten sample text file\n")
        #expect(c.tree.entry(at: "/sample.txt")?.layerIndex == 1)
        #expect(
            c.statistics.wastedFiles == [
                WastedFile(path: "/sample.txt", wastedBytes: 17, layerIndices: [0], deleted: false)
            ]
        )
        #expect(abs(c.statistics.efficiency - (1 - 17.0 / 46.0)) < 1e-9)
    }

    @Test(.enabled(if: Local.corpusAvailable, Local.corpusReason))
    func singleTwoAndMultipleFileImages() throws {
        #expect(files(try read("osv-scalibr-layerscanning/single-file.tar").tree) == ["/foo.txt"])
        #expect(files(try read("osv-scalibr-layerscanning/two-files.tar").tree) == ["/bar.txt", "/foo.txt"])
        let multiple = try read("osv-scalibr-layerscanning/multiple-files.tar")
        #expect(files(multiple.tree) == ["/dir1/bar.txt", "/dir1/baz.txt", "/foo.txt"])
        #expect(multiple.tree.text(of: "/dir1/baz.txt") == "baz\n")
    }

    @Test(.enabled(if: Local.corpusAvailable, Local.corpusReason))
    func symlinkChainsResolveInsideTheImage() throws {
        let c = try read("osv-scalibr-layerscanning/symlink-basic.tar")
        for link in ["absolute-symlink.txt", "chain-symlink.txt", "relative-dot-symlink.txt", "relative-symlink.txt"] {
            #expect(c.tree.text(of: "/dir1/" + link) == "sample text\n", "\(link)")
            #expect(c.tree.entry(at: "/dir1/" + link)?.kind == .symlink)
        }
        let depth = try read("osv-scalibr-layerscanning/symlink-depth-exceeded.tar")
        #expect(depth.tree.text(of: "/dir1/symlink7.txt") == "sample text\n")
        #expect(depth.tree.resolve("/dir1/symlink7.txt") == "/dir1/sample.txt")
    }

    @Test(.enabled(if: Local.corpusAvailable, Local.corpusReason))
    func symlinkCycleIsAClearError() throws {
        let c = try read("osv-scalibr-layerscanning/symlink-cycle.tar")
        let error = #expect(throws: FileTreeError.self) { try c.tree.contents(of: "/dir1/chain-symlink.txt") }
        #expect(error?.code == .symlinkLoop)
        #expect(c.tree.resolve("/dir1/sample.txt") == nil)
    }

    @Test(
        .enabled(if: Local.corpusAvailable, Local.corpusReason),
        arguments: ["osv-scalibr-layerscanning/symlink-dangling.tar", "osv-scalibr-unpack/dangling-symlinks.tar"]
    )
    func danglingSymlinksAreNotFound(name: String) throws {
        let c = try read(name)
        for link in [
            "/dir1/absolute-symlink.txt", "/dir2/dir3/relative-subfolder-symlink.txt",
            "/dir2/dir3/absolute-chain-symlink.txt",
        ] {
            let error = #expect(throws: FileTreeError.self) { try c.tree.contents(of: link) }
            #expect(error?.code == .notFound)
        }
        #expect(c.tree.entry(at: "/dir2/dir3/absolute-chain-symlink.txt")?.layerIndex == 1)
    }

    @Test(.enabled(if: Local.corpusAvailable, Local.corpusReason))
    func symlinkAttackStaysInsideTheImage() throws {
        let c = try read("osv-scalibr-layerscanning/symlink-attack.tar")
        // Both links aim above the root; they resolve to /secret.txt inside the image, which does not exist.
        #expect(c.tree.resolve("/dir1/attack-symlink.txt") == nil)
        for link in ["/dir1/attack-symlink.txt", "/dir1/attack-symlink-absolute.txt"] {
            let error = #expect(throws: FileTreeError.self) { try c.tree.contents(of: link) }
            #expect(error?.code == .notFound)
        }
        #expect(c.diagnostics.map(\.code) == [.symlinkOutsideRoot, .symlinkOutsideRoot])
        #expect(c.diagnostics.allSatisfy { $0.subject.hasPrefix("layer 0") })
    }

    @Test(.enabled(if: Local.corpusAvailable, Local.corpusReason))
    func twoLayerSymlinkImageResolvesAcrossLayers() throws {
        let c = try read("osv-scalibr-unpack/symlinks.tar")
        for link in [
            "/dir2/dir3/absolute-chain-symlink.txt", "/dir2/dir3/absolute-subfolder-symlink.txt",
            "/dir2/dir3/absolute-symlink-inside-root.txt", "/dir2/dir3/relative-subfolder-symlink.txt",
        ] {
            #expect(c.tree.text(of: link) == "sample text\n", "\(link)")
        }
        #expect(throws: FileTreeError.self) { try c.tree.contents(of: "/dir1/attack-symlink.txt") }
    }

    @Test(.enabled(if: Local.corpusAvailable, Local.corpusReason))
    func permissionsAreKept() throws {
        let c = try read("osv-scalibr-unpack/permissions.tar")
        #expect(c.tree.entry(at: "/sample.txt")?.mode == 0)
        #expect(c.tree.text(of: "/sample.txt") == "sample text file\n")
    }

    @Test(.enabled(if: Local.corpusAvailable, Local.corpusReason))
    func escapeTarballStaysInsideTheRoot() throws {
        let path = try Local.corpus("synthetic-layer-tars/osv-scalibr-unpack/escape.tar")
        #expect(try ImageSourceDetector.detect(path) == .rootfsTarball(path: path))
        let c = try Local.read(RootfsTarballSource(path: path, reference: path))
        // /escape was a directory holding poc.txt, then replaced by a symlink chain aiming at the
        // host's /tmp; inside the image it resolves to /tmp, which the image does not have.
        #expect(c.tree.entry(at: "/escape")?.kind == .symlink)
        #expect(c.tree.entry(at: "/escape/poc.txt") == nil)
        #expect(c.tree.resolve("/trampoline/trampoline/trampoline") == "/")
        let error = #expect(throws: FileTreeError.self) { try c.tree.contents(of: "/usr/share/doc/c/copyright") }
        #expect(error?.code == .notFound)
        #expect(c.statistics.wastedFiles.map(\.path) == ["/escape/poc.txt"])
    }
}
