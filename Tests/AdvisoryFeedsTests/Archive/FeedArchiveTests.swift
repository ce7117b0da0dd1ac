import AdvisoryFeeds
import Foundation
import TestSupport
import Testing

@Suite struct FeedArchiveTests {
    /// Writes archives with python3's zipfile/tarfile/gzip into a temporary directory.
    private static let builder = #"""
        import sys, os, zipfile, tarfile, gzip, io
        d = sys.argv[1]
        def z(name, entries, **kw):
            with zipfile.ZipFile(os.path.join(d, name), 'w', zipfile.ZIP_DEFLATED) as f:
                for n, data in entries:
                    f.writestr(n, data)
        z('normal.zip', [('vulns/a.json', b'{"id":"A"}' * 50), ('dir/', b''), ('b.txt', b'plain')])
        with zipfile.ZipFile(os.path.join(d, 'stored.zip'), 'w', zipfile.ZIP_STORED) as f:
            f.writestr('x.json', b'{"id":"STORED-1"}')
        z('evil.zip', [('ok.json', b'{}'), ('../evil', b'x')])
        z('absolute.zip', [('/etc/passwd', b'x')])
        z('backslash.zip', [('..\\evil', b'x')])
        with zipfile.ZipFile(os.path.join(d, 'symlink.zip'), 'w') as f:
            info = zipfile.ZipInfo('link')
            info.create_system = 3
            info.external_attr = (0o120777 << 16)
            f.writestr(info, b'/etc/passwd')
        with zipfile.ZipFile(os.path.join(d, 'bomb.zip'), 'w', zipfile.ZIP_DEFLATED) as f:
            with f.open('zeros.json', 'w') as w:
                chunk = bytes(1 << 20)
                for _ in range(1024):
                    w.write(chunk)
        data = open(os.path.join(d, 'normal.zip'), 'rb').read()
        open(os.path.join(d, 'truncated.zip'), 'wb').write(data[:len(data) // 2])
        # Flip one byte of a stored entry's data: only the CRC can notice.
        data = bytearray(open(os.path.join(d, 'stored.zip'), 'rb').read())
        i = data.index(b'STORED-1')
        data[i] ^= 0x20
        open(os.path.join(d, 'badcrc.zip'), 'wb').write(bytes(data))
        def t(name, members, mode='w:gz'):
            with tarfile.open(os.path.join(d, name), mode) as f:
                for n, data, kind in members:
                    info = tarfile.TarInfo(n)
                    if kind == 'sym':
                        info.type = tarfile.SYMTYPE
                        info.linkname = data.decode()
                        f.addfile(info)
                    else:
                        info.size = len(data)
                        f.addfile(info, io.BytesIO(data))
        t('normal.tar.gz', [('feed/a.json', b'{"id":"T1"}', 'f'), ('feed/b.yaml', b'id: T2', 'f')])
        t('plain.tar', [('feed/a.json', b'{"id":"T1"}', 'f')], mode='w')
        t('evil.tar.gz', [('feed/../../evil.json', b'{}', 'f')])
        t('symlink.tar.gz', [('feed/link.json', b'/etc/passwd', 'sym')])
        data = open(os.path.join(d, 'normal.tar.gz'), 'rb').read()
        open(os.path.join(d, 'truncated.tar.gz'), 'wb').write(data[:len(data) - 30])
        open(os.path.join(d, 'single.json.gz'), 'wb').write(gzip.compress(b'{"id":"GZ-1"}'))
        with gzip.open(os.path.join(d, 'bomb.json.gz'), 'wb') as g:
            chunk = bytes(1 << 20)
            for _ in range(1024):
                g.write(chunk)
        """#

    /// Built once for the suite (the bombs take a few seconds to compress).
    private static let builtDirectory: String? = {
        guard FeedTestSupport.pythonAvailable(), let directory = try? FeedTestSupport.temporaryDirectory(),
            (try? FeedTestSupport.python(builder, [directory])) != nil
        else { return nil }
        return directory
    }()

    private static func buildArchives() throws -> String? {
        guard let directory = builtDirectory else {
            FeedTestSupport.skip("python3 could not build the test archives")
            return nil
        }
        return directory
    }

    @Test func readsZipEntriesStoredAndDeflated() throws {
        guard let directory = try Self.buildArchives() else { return }
        let result = FeedTestSupport.documents(FeedTestSupport.read("\(directory)/normal.zip"), path: "normal.zip")
        let documents = try result.get()
        #expect(documents.map(\.path) == ["normal.zip!/vulns/a.json", "normal.zip!/b.txt"])
        #expect(documents.first?.bytes == Array(String(repeating: #"{"id":"A"}"#, count: 50).utf8))
        #expect(documents.last?.bytes == Array("plain".utf8))
        let stored = try FeedTestSupport.documents(FeedTestSupport.read("\(directory)/stored.zip"), path: "s.zip").get()
        #expect(stored.map(\.bytes) == [Array(#"{"id":"STORED-1"}"#.utf8)])
    }

    @Test func rejectsHostileZips() throws {
        guard let directory = try Self.buildArchives() else { return }
        func kind(_ name: String) -> FeedError.Kind? {
            FeedTestSupport.failureKind(FeedTestSupport.read("\(directory)/\(name)"), path: name)
        }
        #expect(kind("evil.zip") == .unsafePath)
        #expect(kind("absolute.zip") == .unsafePath)
        #expect(kind("backslash.zip") == .unsafePath)
        #expect(kind("symlink.zip") == .unsafePath)
        #expect(kind("bomb.zip") == .decompressionBomb)
        #expect(kind("truncated.zip") == .truncated)
        #expect(kind("badcrc.zip") == .malformed)
        if case .failure(let error) = FeedTestSupport.documents(
            FeedTestSupport.read("\(directory)/badcrc.zip"),
            path: "badcrc.zip"
        ) {
            #expect(error.reason.contains("CRC"))
            #expect(error.path == "badcrc.zip!/x.json")
        }
    }

    @Test func rejectsAFalseZip64MarkerAndHonoursEntryLimit() throws {
        guard let directory = try Self.buildArchives() else { return }
        var bytes = FeedTestSupport.read("\(directory)/normal.zip")
        // Mark the end-of-central-directory entry count as ZIP64's 0xFFFF.
        let eocd = try #require(
            (0...(bytes.count - 4)).reversed().first { bytes[$0..<($0 + 4)] == [0x50, 0x4B, 5, 6] }
        )
        bytes[eocd + 10] = 0xFF
        bytes[eocd + 11] = 0xFF
        // The end record claims ZIP64 but there is no ZIP64 record: a damaged archive.
        #expect(FeedTestSupport.failureKind(bytes, path: "z64.zip") == .malformed)
        let small = FeedLimits(maximumEntrySize: 100)
        #expect(
            FeedTestSupport.failureKind(FeedTestSupport.read("\(directory)/normal.zip"), path: "n.zip", limits: small)
                == .decompressionBomb
        )
    }

    @Test func readsTarGzipAndPlainFiles() throws {
        guard let directory = try Self.buildArchives() else { return }
        let tar = try FeedTestSupport.documents(FeedTestSupport.read("\(directory)/normal.tar.gz"), path: "n.tgz").get()
        #expect(tar.map(\.path) == ["n.tgz!/feed/a.json", "n.tgz!/feed/b.yaml"])
        #expect(tar.last?.bytes == Array("id: T2".utf8))
        let plainTar = try FeedTestSupport.documents(FeedTestSupport.read("\(directory)/plain.tar"), path: "p.tar")
            .get()
        #expect(plainTar.map(\.bytes) == [Array(#"{"id":"T1"}"#.utf8)])
        let single = try FeedTestSupport.documents(
            FeedTestSupport.read("\(directory)/single.json.gz"),
            path: "single.json.gz"
        ).get()
        #expect(single.map(\.path) == ["single.json"])
        #expect(single.first?.bytes == Array(#"{"id":"GZ-1"}"#.utf8))
        let plain = try FeedTestSupport.documents(Array("{}".utf8), path: "x.json").get()
        #expect(plain.map(\.path) == ["x.json"])
    }

    @Test func rejectsHostileTars() throws {
        guard let directory = try Self.buildArchives() else { return }
        func kind(_ name: String) -> FeedError.Kind? {
            FeedTestSupport.failureKind(FeedTestSupport.read("\(directory)/\(name)"), path: name)
        }
        #expect(kind("evil.tar.gz") == .unsafePath)
        #expect(kind("symlink.tar.gz") == .unsafePath)
        #expect(kind("truncated.tar.gz") == .truncated)
        #expect(kind("bomb.json.gz") == .decompressionBomb)
    }

    @Test(arguments: [
        "vulndb/osv/pypi-pypa-advisory-database.tar.gz", "vulndb/osv/go-vulndb-osv.tar.gz",
        "vulndb/osv/crates-rustsec-osv.tar.gz", "vulndb/rubygems-rubysec-advisory-db.tar.gz",
    ])
    func corpusArchiveDocumentCountMatchesPython(relative: String) throws {
        guard let bytes = FeedTestSupport.corpusBytes(relative), FeedTestSupport.pythonAvailable(),
            let path = Corpus.path(relative)
        else { return }
        let expected = try FeedTestSupport.python(
            "import tarfile,sys; print(sum(1 for m in tarfile.open(sys.argv[1]) if m.isreg()))",
            [path]
        )
        let documents = try FeedTestSupport.documents(bytes, path: relative).get()
        #expect(documents.count == Int(expected.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(documents.allSatisfy { $0.path.hasPrefix(relative + "!/") })
    }

    /// An osv.dev-style `all.zip` built by python3 from the Go corpus: same documents, same bytes.
    @Test func osvDevStyleZipMatchesTarball() throws {
        let relative = "vulndb/osv/go-vulndb-osv.tar.gz"
        guard let tarball = FeedTestSupport.corpusBytes(relative), FeedTestSupport.pythonAvailable(),
            let path = Corpus.path(relative)
        else { return }
        let directory = try FeedTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try FeedTestSupport.python(
            #"""
            import tarfile, zipfile, sys, os
            t = tarfile.open(sys.argv[1])
            with zipfile.ZipFile(os.path.join(sys.argv[2], 'all.zip'), 'w', zipfile.ZIP_DEFLATED) as z:
                for m in t:
                    if m.isreg() and m.name.endswith('.json'):
                        z.writestr(os.path.basename(m.name), t.extractfile(m).read())
            """#,
            [path, directory]
        )
        let zipped = try FeedTestSupport.documents(FeedTestSupport.read("\(directory)/all.zip"), path: "all.zip").get()
        let tarred = try FeedTestSupport.documents(tarball, path: relative).get().filter { $0.path.hasSuffix(".json") }
        #expect(zipped.count == tarred.count)
        #expect(zipped.count > 4000)
        let tarByName = Dictionary(
            tarred.map { (String($0.path.split(separator: "/").last ?? ""), $0.bytes) },
            uniquingKeysWith: { a, _ in a }
        )
        for document in zipped {
            let name = String(document.path.dropFirst("all.zip!/".count))
            #expect(tarByName[name] == document.bytes, "\(name)")
        }
    }

    @Test func mutatedZipsNeverCrash() throws {
        guard let directory = try Self.buildArchives() else { return }
        let bytes = FeedTestSupport.read("\(directory)/normal.zip")
        try #require(!bytes.isEmpty)
        var random = SplitMix64(seed: 99)
        var failures = 0
        for round in 0..<400 {
            var mutated = bytes
            if round % 4 == 0 {
                mutated = Array(mutated.prefix(Int.random(in: 0..<mutated.count, using: &random)))
            } else {
                for _ in 0..<(1 + round % 5) {
                    mutated[Int.random(in: 0..<mutated.count, using: &random)] = UInt8.random(
                        in: 0...255,
                        using: &random
                    )
                }
            }
            if case .failure = FeedTestSupport.documents(mutated, path: "mutated.zip") { failures += 1 }
        }
        #expect(failures > 0)
    }

    @Test func mutatedArchivesNeverCrash() throws {
        guard let bytes = FeedTestSupport.corpusBytes("vulndb/osv/crates-rustsec-osv.tar.gz") else { return }
        var random = SplitMix64(seed: 42)
        for round in 0..<60 {
            var mutated = bytes
            if round % 3 == 0 {
                mutated = Array(mutated.prefix(Int.random(in: 0..<mutated.count, using: &random)))
            } else {
                for _ in 0..<8 {
                    mutated[Int.random(in: 0..<mutated.count, using: &random)] = UInt8.random(
                        in: 0...255,
                        using: &random
                    )
                }
            }
            // Either reads or throws a FeedError; reaching here is the property.
            _ = FeedTestSupport.documents(mutated, path: "mutated-\(round).tar.gz")
        }
    }
}
