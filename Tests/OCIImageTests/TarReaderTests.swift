import OCIImage
import TestSupport
import Testing

struct TarReaderTests {
    private func entries(_ archive: [UInt8], concatenated: Bool = false) throws(ImageError) -> [(TarEntry, [UInt8])] {
        var reader = TarReader(ChunkedStream(archive), subject: "layer 0", concatenated: concatenated)
        var out: [(TarEntry, [UInt8])] = []
        while let entry = try reader.next() {
            out.append((entry, try reader.readContent(limit: 1 << 20) ?? []))
        }
        _ = try reader.drain()
        return out
    }

    @Test func readsUstarMembers() throws {
        var w = TarWriter()
        w.directory("etc")
        w.file("etc/os-release", "ID=alpine\n", mode: 0o644, uid: 1, gid: 2)
        w.symlink("bin/sh", to: "/bin/busybox")
        w.hardlink("bin/ash", to: "bin/busybox")
        w.characterDevice("dev/null")
        w.fifo("run/fifo")
        let got = try entries(w.finish())
        #expect(got.map(\.0.name) == ["etc/", "etc/os-release", "bin/sh", "bin/ash", "dev/null", "run/fifo"])
        #expect(got.map(\.0.kind) == [.directory, .regular, .symlink, .hardlink, .characterDevice, .fifo])
        #expect(got[1].1 == Array("ID=alpine\n".utf8))
        #expect(got[1].0.uid == 1 && got[1].0.gid == 2 && got[1].0.mode == 0o644)
        #expect(got[2].0.linkName == "/bin/busybox")
        #expect(got[3].0.linkName == "bin/busybox")
    }

    @Test(arguments: [TarWriter.LongNames.gnu, .pax])
    func readsLongNamesAndLinks(style: TarWriter.LongNames) throws {
        let long = String(repeating: "d/", count: 80) + "file.txt"
        let target = "/" + String(repeating: "t", count: 150)
        var w = TarWriter(longNames: style)
        w.file(long, "x")
        w.symlink("short", to: target)
        w.file("after", "y")
        let got = try entries(w.finish())
        #expect(got.map(\.0.name) == [long, "short", "after"])
        #expect(got[1].0.linkName == target)
        #expect(got[2].1 == [UInt8(ascii: "y")])
    }

    @Test func paxOverridesSizeUidAndGid() throws {
        var w = TarWriter()
        w.entry(
            "big",
            type: UInt8(ascii: "0"),
            content: Array("12345".utf8),
            paxRecords: [("size", "5"), ("uid", "70000"), ("gid", "80000")],
            storedSize: 0
        )
        let got = try entries(w.finish())
        #expect(got[0].0.size == 5 && got[0].1 == Array("12345".utf8))
        #expect(got[0].0.uid == 70000 && got[0].0.gid == 80000)
    }

    @Test func readsBase256Sizes() throws {
        var header = TarWriter.header(name: Array("f".utf8), type: UInt8(ascii: "0"), size: 3)
        for i in 124..<136 { header[i] = 0 }
        header[124] = 0x80
        header[135] = 3
        for i in 148..<156 { header[i] = 0x20 }
        let sum = header.reduce(0) { $0 + Int($1) }
        let digits = Array(String(sum, radix: 8).utf8)
        for (i, d) in ([UInt8](repeating: 0x30, count: 6 - digits.count) + digits + [0]).enumerated() {
            header[148 + i] = d
        }
        var w = TarWriter()
        w.raw(header + Array("abc".utf8) + [UInt8](repeating: 0, count: 509))
        let got = try entries(w.finish())
        #expect(got[0].0.size == 3 && got[0].1 == Array("abc".utf8))
    }

    @Test func skipsSparseContentSafely() throws {
        var w = TarWriter()
        // PAX sparse 1.0: the stored data begins with a sparse map; the reader must skip `size` bytes.
        let stored = Array("1\n0\n3\n".utf8) + [UInt8](repeating: 0, count: 506) + Array("abc".utf8)
        w.entry(
            "GNUSparseFile.0/sparse",
            type: UInt8(ascii: "0"),
            content: stored,
            paxRecords: [
                ("GNU.sparse.major", "1"), ("GNU.sparse.minor", "0"), ("GNU.sparse.name", "var/log/lastlog"),
                ("GNU.sparse.realsize", "1048576"),
            ]
        )
        w.file("next", "ok")
        let got = try entries(w.finish())
        #expect(got.map(\.0.name) == ["var/log/lastlog", "next"])
        #expect(got[0].0.isSparse && got[0].0.realSize == 1_048_576 && got[0].0.size == stored.count)
        #expect(got[1].1 == Array("ok".utf8))
    }

    @Test func skipsOldGNUSparseExtensionBlocks() throws {
        var header = TarWriter.header(name: Array("sparse".utf8), type: UInt8(ascii: "S"), size: 512)
        // realsize at 483, isextended at 482
        let real = Array(String(4096, radix: 8).utf8)
        for (i, d) in ([UInt8](repeating: 0x30, count: 11 - real.count) + real).enumerated() { header[483 + i] = d }
        header[482] = 1
        for i in 148..<156 { header[i] = 0x20 }
        let sum = header.reduce(0) { $0 + Int($1) }
        let digits = Array(String(sum, radix: 8).utf8)
        for (i, d) in ([UInt8](repeating: 0x30, count: 6 - digits.count) + digits + [0]).enumerated() {
            header[148 + i] = d
        }
        var w = TarWriter()
        w.raw(header)
        w.raw([UInt8](repeating: 0, count: 512))  // one extension block, isextended = 0
        w.raw([UInt8](repeating: 7, count: 512))  // data
        w.file("after", "z")
        let got = try entries(w.finish())
        #expect(got.map(\.0.name) == ["sparse", "after"])
        #expect(got[0].0.isSparse && got[0].0.realSize == 4096)
        #expect(got[1].1 == [UInt8(ascii: "z")])
    }

    @Test func badChecksumIsMalformed() {
        var w = TarWriter()
        w.raw(TarWriter.header(name: Array("x".utf8), type: UInt8(ascii: "0"), size: 0, checksumDelta: 1))
        let error = #expect(throws: ImageError.self) { try entries(w.finish()) }
        #expect(error?.code == .malformed)
        #expect(error?.subject == "layer 0")
    }

    @Test func truncationInsideContentOrHeaderIsTruncated() throws {
        var w = TarWriter()
        w.file("a", [UInt8](repeating: 1, count: 2000))
        w.file("b", "b")
        let archive = w.finish()
        for cut in [100, 700, 2000, 2560 + 100] {
            let error = #expect(throws: ImageError.self) { try entries(Array(archive[0..<cut])) }
            #expect(error?.code == .truncated, "cut at \(cut)")
        }
        // Ending exactly at a member boundary is an archive without its end marker (accepted, as Go does).
        #expect(try entries(Array(archive[0..<(512 + 2048)])).count == 1)
    }

    @Test func stopsAtEndMarkerUnlessConcatenated() throws {
        var a = TarWriter()
        a.file("first", "1")
        var b = TarWriter()
        b.file("second", "2")
        let archive = a.finish() + b.finish()
        #expect(try entries(archive).map(\.0.name) == ["first"])
        #expect(try entries(archive, concatenated: true).map(\.0.name) == ["first", "second"])
        var reader = TarReader(MemoryByteStream(archive), subject: "l")
        while try reader.next() != nil {}
        #expect(try reader.drain() > 0)
    }

    /// claircore's concat.tar was made with `tar --concatenate`: one archive (the first end marker
    /// was overwritten) whose second half redefines `./var/run`.
    @Test(.enabled(if: CorpusFiles.available, CorpusFiles.reason))
    func readsClaircoreConcatenatedTar() throws {
        let archive = try CorpusFiles.bytes("synthetic-layer-tars/claircore-tarfs/concat.tar")
        let names = try entries(archive).map(\.0.name)
        #expect(names.count == 11)
        #expect(names[5] == "./var/run" && names[8] == "./var/run/")
        #expect(names.last == "./var/run/console/algo.txt")
        #expect(try entries(archive, concatenated: true).map(\.0.name) == names)
    }

    @Test(.enabled(if: CorpusFiles.available, CorpusFiles.reason))
    func readsClaircoreOddAndBadNames() throws {
        let odd = try entries(try CorpusFiles.bytes("synthetic-layer-tars/claircore-tarfs/known/oddlayer.tar"))
        #expect(odd.map(\.0.name) == ["./"])
        let bad = try entries(try CorpusFiles.bytes("synthetic-layer-tars/claircore-tarfs/bad_name.tar"))
        #expect(bad.count == 1)
        #expect(bad[0].0.name.hasSuffix("bad\u{FFFD}name"))
        #expect(bad[0].0.name.hasPrefix("./" + String(repeating: "_", count: 100)))
        #expect(bad[0].1.count == 9)
        let empty = try entries(try CorpusFiles.bytes("synthetic-layer-tars/osv-scalibr-layerscanning/empty.tar"))
        #expect(empty.isEmpty)
    }

    /// Random truncations and mutations of real archives never crash the reader.
    @Test(arguments: [UInt64(11), 12, 13, 14, 15])
    func randomMutationsNeverCrash(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var w = TarWriter(longNames: seed % 2 == 0 ? .gnu : .pax)
        w.directory("usr/lib")
        w.file("usr/lib/" + String(repeating: "x", count: 130), [UInt8](repeating: 9, count: 1500))
        w.symlink("lib", to: "usr/lib")
        w.entry("p", type: UInt8(ascii: "0"), content: Array("abc".utf8), paxRecords: [("uid", "5")])
        w.whiteout("etc/gone")
        let archive = w.finish()
        for _ in 0..<300 {
            var mutated = archive
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: mutated = Array(mutated[0..<Int.random(in: 0...mutated.count, using: &rng)])
            case 1:
                for _ in 0..<Int.random(in: 1...6, using: &rng) {
                    mutated[Int.random(in: 0..<mutated.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            default:
                // Mutate a header field with digits/garbage and fix the checksum, so field parsing is exercised.
                let block = Int.random(in: 0..<(mutated.count / 512), using: &rng) * 512
                let at = block + Int.random(in: 0..<512, using: &rng)
                mutated[at] = [UInt8(ascii: "7"), 0x80, 0xFF, 0, UInt8(ascii: " ")].randomElement(using: &rng) ?? 0
                var sum = 0
                for i in block..<(block + 512) { sum += (148..<156).contains(i - block) ? 0x20 : Int(mutated[i]) }
                let digits = Array(String(sum, radix: 8).utf8)
                let field = [UInt8](repeating: 0x30, count: max(0, 6 - digits.count)) + digits + [0, 0x20]
                for (i, d) in field.prefix(8).enumerated() { mutated[block + 148 + i] = d }
            }
            do {
                _ = try entries(mutated, concatenated: Bool.random(using: &rng))
            } catch {
                #expect(error.subject == "layer 0")
            }
        }
    }
}
