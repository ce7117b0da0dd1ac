import OCIImage
import SecurityModel
import TestSupport
import Testing

struct LayerMergerTests {
    typealias Merged = (tree: LayeredFileTree, statistics: ImageFileStatistics, diagnostics: [ImageDiagnostic])

    private func merge(
        _ layers: [[UInt8]],
        limits: ImageReadLimits = ImageReadLimits(),
        store: any ContentStore = InMemoryContentStore(),
        isRequired: @escaping (String) -> Bool = { _ in true }
    ) throws(ImageError) -> Merged {
        var merger = LayerMerger(store: store, limits: limits, isRequired: isRequired)
        for (i, layer) in layers.enumerated() {
            var tar = TarReader(MemoryByteStream(layer), subject: "layer \(i)")
            try merger.apply(&tar, layerIndex: i, subject: "layer \(i)")
        }
        return merger.finish()
    }

    private func paths(_ tree: some FileTree) -> [String] { tree.entries.map(\.path) }

    // MARK: - Whiteouts (claircore layers)

    @Test(.enabled(if: CorpusFiles.available, CorpusFiles.reason))
    func claircoreWhiteoutDeletesALowerFile() throws {
        var lower = TarWriter()
        lower.file("etc/profile", "export PATH")
        lower.file("etc/hosts", "127.0.0.1 localhost")
        let m = try merge([
            lower.finish(), try CorpusFiles.bytes("synthetic-layer-tars/claircore-whiteout/whiteout.layer"),
        ])
        #expect(m.tree.entry(at: "/etc/profile") == nil)
        #expect(m.tree.text(of: "/etc/hosts") == "127.0.0.1 localhost")
        #expect(m.statistics.layers[1].deletionCount == 1)
        #expect(
            m.statistics.wastedFiles == [
                WastedFile(path: "/etc/profile", wastedBytes: 11, layerIndices: [0], deleted: true)
            ]
        )
    }

    @Test(.enabled(if: CorpusFiles.available, CorpusFiles.reason))
    func claircoreAdvancedWhiteoutsDeleteFilesAndDirectories() throws {
        var lower = TarWriter()
        lower.file("a/a_file.txt", "1")
        lower.file("a/kept.txt", "2")
        lower.file("a_root_file.txt", "3")
        lower.file("b/x/y.txt", "4")
        lower.file("c.txt", "5")
        let layer = try CorpusFiles.bytes("synthetic-layer-tars/claircore-whiteout/whiteout_advanced.layer")
        let m = try merge([lower.finish(), layer])
        #expect(paths(m.tree) == ["/", "/a", "/a/kept.txt", "/c.txt"])
        #expect(m.statistics.layers[1].deletionCount == 3)
        #expect(Set(m.statistics.wastedFiles.map(\.path)) == ["/a/a_file.txt", "/a_root_file.txt", "/b/x/y.txt"])
    }

    @Test(.enabled(if: CorpusFiles.available, CorpusFiles.reason))
    func claircoreOpaqueDirectoryHidesLowerContentOnly() throws {
        var lower = TarWriter()
        lower.file("a/old.txt", "old")
        lower.file("a/sub/deep.txt", "deep")
        lower.file("b/old.txt", "b")
        let layer = try CorpusFiles.bytes("synthetic-layer-tars/claircore-whiteout/whiteout_opaque.layer")
        let m = try merge([lower.finish(), layer])
        #expect(paths(m.tree) == ["/", "/a", "/b", "/b/not.a.wh..wh..opq", "/b/old.txt"])
        #expect(m.statistics.layers[1].deletionCount == 1)
        #expect(m.tree.entry(at: "/a")?.layerIndex == 1)
    }

    @Test func opaqueKeepsWhatTheSameLayerWrote() throws {
        var lower = TarWriter()
        lower.file("d/old", "o")
        lower.file("d/keep/old", "o")
        var upper = TarWriter()
        upper.directory("d")
        upper.file("d/new", "n")
        upper.directory("d/keep")
        upper.file("d/keep/new", "n")
        upper.opaque("d")
        let m = try merge([lower.finish(), upper.finish()])
        #expect(paths(m.tree) == ["/", "/d", "/d/keep", "/d/keep/new", "/d/new"])
    }

    @Test func whiteoutInTheSameLayerFollowsTheStreamOrder() throws {
        var lower = TarWriter()
        lower.file("x", "lower")
        var upper = TarWriter()
        upper.whiteout("x")
        upper.file("x", "upper")
        let m = try merge([lower.finish(), upper.finish()])
        #expect(m.tree.text(of: "/x") == "upper")
        #expect(m.tree.entry(at: "/x")?.layerIndex == 1)
    }

    @Test func opaqueRootHidesEveryLowerLayer() throws {
        var lower = TarWriter()
        lower.file("etc/a", "1")
        var upper = TarWriter()
        upper.file("bin/b", "2")
        upper.opaque("")
        upper.opaque(".")
        let m = try merge([lower.finish(), upper.finish()])
        #expect(paths(m.tree) == ["/", "/bin", "/bin/b"])
    }

    @Test func aufsMetadataWhiteoutsAreIgnored() throws {
        var w = TarWriter()
        w.file("f", "1")
        w.file(".wh..wh.plnk/123.456", "")
        let m = try merge([w.finish()])
        #expect(paths(m.tree) == ["/", "/f"])
    }

    // MARK: - Replacement and metadata

    @Test func laterLayersReplaceEntries() throws {
        var l0 = TarWriter()
        l0.file("etc/conf", "one")
        l0.directory("opt/app", mode: 0o700)
        l0.file("opt/app/bin", "binary")
        l0.file("var/thing", "file")
        var l1 = TarWriter()
        l1.file("etc/conf", "two!", mode: 0o600, uid: 5)
        l1.directory("opt/app", mode: 0o755)
        l1.directory("var/thing")
        let m = try merge([l0.finish(), l1.finish()])
        #expect(m.tree.text(of: "/etc/conf") == "two!")
        #expect(m.tree.entry(at: "/etc/conf")?.uid == 5)
        #expect(m.tree.entry(at: "/opt/app")?.mode == 0o755)
        #expect(m.tree.text(of: "/opt/app/bin") == "binary")
        #expect(m.tree.entry(at: "/var/thing")?.kind == .directory)
        #expect(m.statistics.layers.map(\.addedBytes) == [3 + 6 + 4, 4])
        #expect(m.statistics.layers.map(\.entryCount) == [4, 3])
        let wasted = Dictionary(uniqueKeysWithValues: m.statistics.wastedFiles.map { ($0.path, $0) })
        #expect(wasted["/etc/conf"] == WastedFile(path: "/etc/conf", wastedBytes: 3, layerIndices: [0], deleted: false))
        #expect(wasted["/var/thing"]?.deleted == true)
        #expect(m.statistics.wastedBytes == 7)
    }

    @Test func recordsModesOwnersAndSpecialFiles() throws {
        var w = TarWriter()
        w.file("usr/bin/su", "x", mode: 0o4755)
        w.directory("tmp", mode: 0o1777)
        w.characterDevice("dev/null")
        w.fifo("run/pipe")
        let m = try merge([w.finish()])
        #expect(m.tree.entry(at: "/usr/bin/su")?.isSetUID == true)
        #expect(m.tree.entry(at: "/tmp")?.isWorldWritable == true)
        #expect(m.tree.entry(at: "/dev/null")?.kind == .characterDevice)
        #expect(m.tree.entry(at: "/run/pipe")?.kind == .fifo)
        #expect(m.tree.entry(at: "/usr")?.kind == .directory)
    }

    // MARK: - Links

    @Test func hardLinksShareContentEvenAfterTheTargetIsDeleted() throws {
        var l0 = TarWriter()
        l0.file("bin/busybox", "BUSYBOX", mode: 0o755)
        l0.hardlink("bin/sh", to: "bin/busybox")
        l0.hardlink("bin/ash", to: "./bin/sh")
        var l1 = TarWriter()
        l1.whiteout("bin/busybox")
        let m = try merge([l0.finish(), l1.finish()])
        #expect(m.tree.entry(at: "/bin/sh")?.kind == .hardlink)
        #expect(m.tree.entry(at: "/bin/sh")?.linkTarget == "/bin/busybox")
        #expect(m.tree.entry(at: "/bin/sh")?.size == 7)
        #expect(m.tree.text(of: "/bin/sh") == "BUSYBOX")
        #expect(m.tree.text(of: "/bin/ash") == "BUSYBOX")
        #expect(m.tree.entry(at: "/bin/busybox") == nil)
        #expect(m.tree.files(where: { $0.hasPrefix("/bin") }).count == 2)
    }

    @Test func hardLinkToNothingIsADiagnostic() throws {
        var w = TarWriter()
        w.hardlink("bin/sh", to: "bin/missing")
        let m = try merge([w.finish()])
        #expect(m.diagnostics.map(\.code) == [.hardLinkTargetMissing])
        #expect(m.diagnostics.first?.subject == "layer 0")
        #expect(throws: FileTreeError.self) { try m.tree.contents(of: "/bin/sh") }
    }

    @Test func symlinksAreStoredAsWrittenAndResolvedInsideTheRoot() throws {
        var w = TarWriter()
        w.file("etc/real", "content")
        w.symlink("etc/rel", to: "real")
        w.symlink("etc/abs", to: "/etc/real")
        w.symlink("etc/escape", to: "../../../../etc/real")
        w.symlink("etc/loop1", to: "loop2")
        w.symlink("etc/loop2", to: "loop1")
        let m = try merge([w.finish()])
        #expect(m.tree.entry(at: "/etc/escape")?.linkTarget == "../../../../etc/real")
        for link in ["/etc/rel", "/etc/abs", "/etc/escape"] { #expect(m.tree.text(of: link) == "content") }
        #expect(m.diagnostics.map(\.code) == [.symlinkOutsideRoot])
        let loop = #expect(throws: FileTreeError.self) { try m.tree.contents(of: "/etc/loop1") }
        #expect(loop?.code == .symlinkLoop)
    }

    // MARK: - Hostile paths

    @Test func parentDotDotAndAbsolutePathsStayInsideTheRoot() throws {
        var w = TarWriter()
        w.file("../../../../etc/passwd", "root::0:0::/:/bin/sh")
        w.file("/etc/shadow", "root::")
        w.file("./usr/../usr/./bin//tool", "t")
        let m = try merge([w.finish()])
        #expect(paths(m.tree) == ["/", "/etc", "/etc/passwd", "/etc/shadow", "/usr", "/usr/bin", "/usr/bin/tool"])
        #expect(m.diagnostics.map(\.code) == [.unsafePath])
        #expect(m.diagnostics.first?.layerIndex == 0)
        #expect(m.diagnostics.first?.path == "../../../../etc/passwd")
    }

    @Test func parentDotDotIsRejectedWhenAsked() {
        var w = TarWriter()
        w.file("a/../../escape", "x")
        let error = #expect(throws: ImageError.self) {
            try merge([w.finish()], limits: ImageReadLimits(unsafePaths: .reject))
        }
        #expect(error?.code == .unsafePath)
        #expect(error?.subject == "layer 0")
    }

    @Test func writeThroughASymlinkLandsInsideTheImage() throws {
        var l0 = TarWriter()
        l0.symlink("evil", to: "../../../../../tmp")
        l0.symlink("abs", to: "/etc")
        var l1 = TarWriter()
        l1.file("evil/pwned", "owned")
        l1.file("abs/cron.d/job", "* * * * * x")
        let m = try merge([l0.finish(), l1.finish()])
        #expect(m.tree.text(of: "/tmp/pwned") == "owned")
        #expect(m.tree.text(of: "/etc/cron.d/job") == "* * * * * x")
        #expect(m.tree.entry(at: "/evil")?.kind == .symlink)
        let writes = m.diagnostics.filter { $0.code == .writeThroughSymlink }
        #expect(writes.map(\.path) == ["evil/pwned", "abs/cron.d/job"])
        #expect(writes.allSatisfy { $0.layerIndex == 1 && $0.subject == "layer 1" })
    }

    @Test func memberUnderARegularFileIsSkipped() throws {
        var w = TarWriter()
        w.file("f", "x")
        w.file("f/child", "y")
        w.symlink("l1", to: "l2")
        w.symlink("l2", to: "l1")
        w.file("l1/child", "z")
        let m = try merge([w.finish()])
        #expect(paths(m.tree) == ["/", "/f", "/l1", "/l2"])
        #expect(m.diagnostics.map(\.code) == [.skippedEntry, .skippedEntry])
    }

    @Test(.enabled(if: CorpusFiles.available, CorpusFiles.reason))
    func claircoreConcatenatedLayerMergesAsTheRuntimeDoes() throws {
        let m = try merge([try CorpusFiles.bytes("synthetic-layer-tars/claircore-tarfs/concat.tar")])
        // The second half turns ./var/run from a symlink into a directory (containerd replaces a
        // non-directory with the directory).
        #expect(m.tree.entry(at: "/var/run")?.kind == .directory)
        #expect(m.tree.entry(at: "/var/run/console/algo.txt")?.kind == .regular)
        #expect(m.tree.entry(at: "/run/logs/log.txt")?.kind == .regular)
        #expect(m.tree.entry(at: "/run/console") == nil)
        #expect(m.diagnostics.isEmpty)
    }

    @Test func dataAfterTheEndMarkerIsADiagnostic() throws {
        var a = TarWriter()
        a.file("visible", "1")
        var b = TarWriter()
        b.file("hidden", "2")
        let m = try merge([a.finish() + b.finish()])
        #expect(paths(m.tree) == ["/", "/visible"])
        #expect(m.diagnostics.map(\.code) == [.dataAfterEndOfArchive])
    }

    @Test func deepTreesAndLongPathsAreBounded() throws {
        // 2000 nested directories under an opaque marker: no recursion, no crash.
        let deep = (0..<2000).map { _ in "d" }.joined(separator: "/")
        var lower = TarWriter()
        lower.file(deep + "/old", "x")
        var upper = TarWriter()
        upper.opaque("d")
        let m = try merge([lower.finish(), upper.finish()])
        #expect(paths(m.tree) == ["/", "/d"])

        var long = TarWriter()
        long.file(String(repeating: "n", count: 5000), "too long for the runtime")
        long.file("ok", "fine")
        let skipped = try merge([long.finish()])
        #expect(paths(skipped.tree) == ["/", "/ok"])
        #expect(skipped.diagnostics.map(\.code) == [.skippedEntry])

        var wide = TarWriter()
        for i in 0..<100 { wide.file("dir\(i)/" + String(repeating: "w", count: 200), "") }
        let error = #expect(throws: ImageError.self) {
            try merge([wide.finish()], limits: ImageReadLimits(maximumTreePathBytes: 5000))
        }
        #expect(error?.code == .tooLarge)
    }

    // MARK: - Content retention

    @Test func keepsOnlyRequiredContent() throws {
        var w = TarWriter()
        w.file("etc/os-release", "ID=test")
        w.file("usr/bin/big", [UInt8](repeating: 1, count: 5000))
        w.file("etc/empty", "")
        let store = InMemoryContentStore()
        let m = try merge([w.finish()], store: store) { $0 == "/etc/os-release" }
        #expect(m.tree.text(of: "/etc/os-release") == "ID=test")
        #expect(m.tree.hasContent(at: "/etc/os-release"))
        #expect(!m.tree.hasContent(at: "/usr/bin/big"))
        let error = #expect(throws: FileTreeError.self) { try m.tree.contents(of: "/usr/bin/big") }
        #expect(error?.code == .unreadable)
        #expect(try m.tree.contents(of: "/etc/empty") == [])
        #expect(store.usedBytes == 7)
        #expect(m.tree.entry(at: "/usr/bin/big")?.size == 5000)
    }

    @Test func overwrittenContentIsReleased() throws {
        var l0 = TarWriter()
        l0.file("f", [UInt8](repeating: 1, count: 1000))
        var l1 = TarWriter()
        l1.file("f", [UInt8](repeating: 2, count: 10))
        let store = InMemoryContentStore()
        let m = try merge([l0.finish(), l1.finish()], store: store)
        #expect(store.usedBytes == 10)
        #expect(try m.tree.contents(of: "/f") == [UInt8](repeating: 2, count: 10))
    }

    @Test func contentOverTheBudgetIsADiagnosticNotAFailure() throws {
        var w = TarWriter()
        w.file("a", [UInt8](repeating: 1, count: 600))
        w.file("b", [UInt8](repeating: 2, count: 600))
        let m = try merge([w.finish()], store: InMemoryContentStore(budget: 1000))
        #expect(m.tree.hasContent(at: "/a"))
        #expect(!m.tree.hasContent(at: "/b"))
        #expect(m.diagnostics.map(\.code) == [.contentNotRetained])
        #expect(m.diagnostics.first?.path == "/b")
    }

    @Test func normalisesMemberNamesLikeTreePathNormalize() throws {
        let names = [
            "usr/lib/x", "./usr/lib/y", "/usr/lib/z", "usr//lib/w", "usr/./lib/v", "usr/../etc/u", "../t",
            "a/b/../../../c", "ü/ñ/s", "./d1/", "/d2//", "p/q/./r/",
        ]
        var w = TarWriter()
        for name in names {
            if name.hasSuffix("/") { w.directory(name) } else { w.file(name, name) }
        }
        let m = try merge([w.finish()])
        for name in names {
            let path = TreePath.normalize(name)
            #expect(m.tree.entry(at: path) != nil, "\(name) → \(path)")
            if !name.hasSuffix("/") { #expect(m.tree.text(of: path) == name) }
        }
        #expect(m.tree.entries.allSatisfy { TreePath.normalize($0.path) == $0.path })
        #expect(m.diagnostics.filter { $0.code == .unsafePath }.count == 2)
    }

    // MARK: - Property

    /// Random layer stacks (files, dirs, links, whiteouts, hostile names) never crash, and the tree
    /// stays well formed: sorted, every entry's parent is a directory in the tree.
    @Test(arguments: [UInt64(21), 22, 23, 24, 25, 26])
    func randomLayersKeepTheTreeWellFormed(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let names = ["a", "b", "c", "..", ".", "", "/", "d/e", ".wh.a", ".wh..wh..opq", "x y"]
        func randomPath() -> String {
            (0..<Int.random(in: 1...4, using: &rng)).map { _ in names.randomElement(using: &rng) ?? "a" }
                .joined(separator: "/")
        }
        var layers: [[UInt8]] = []
        for _ in 0..<4 {
            var w = TarWriter()
            for _ in 0..<40 {
                let path = randomPath()
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: w.directory(path)
                case 1: w.symlink(path, to: randomPath())
                case 2: w.hardlink(path, to: randomPath())
                case 3: w.whiteout(path)
                case 4: w.opaque(path)
                default: w.file(path, [UInt8](repeating: 0x41, count: Int.random(in: 0..<50, using: &rng)))
                }
            }
            layers.append(w.finish())
        }
        let m = try merge(layers)
        let entries = m.tree.entries
        #expect(entries.map(\.path) == entries.map(\.path).sorted())
        #expect(entries.first?.path == "/")
        for e in entries where e.path != "/" {
            #expect(m.tree.entry(at: TreePath.directory(e.path))?.kind == .directory, "\(e.path)")
            #expect(TreePath.normalize(e.path) == e.path)
        }
        for e in entries where e.kind == .regular { _ = try? m.tree.contents(of: e.path) }
    }
}
