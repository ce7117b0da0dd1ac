import Foundation
import SecurityModel
import TestSupport
import Testing
import ToolCommands

/// `bulkhead db update/status/export/import/keygen` end to end: real corpus feeds served over HTTP
/// by a local server (ETag, injected failures), hostile feed files, signed bundles. Every failure
/// must leave the previous database byte for byte.
@Suite(.serialized) struct DatabaseCommandTests {
    static func run(_ args: [String]) -> (Int32, CapturedOutput) { ScanCorrectnessTests.run(args) }
    static var vulndb: String? { Corpus.path("vulndb") }

    static func sha256(_ path: String) throws -> String {
        let r = try runProcessBlocking(["sha256sum", path])
        return String(r.stdout.prefix(64))
    }

    static func copy(_ relative: String, to dir: String) throws -> String {
        let source = try #require(Corpus.path(relative))
        let target = dir + "/" + (relative as NSString).lastPathComponent
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: source, toPath: target)
        return target
    }

    static func feeds(_ entries: [(String, String, [String])], at path: String) throws {
        var yaml = "feeds:\n"
        for (id, kind, urls) in entries {
            yaml += "  - id: \(id)\n    kind: \(kind)\n    urls:\n" + urls.map { "      - \"\($0)\"\n" }.joined()
        }
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The feed server of the FeedDownload tests, started on a random port over `root`.
    final class Server {
        let process = Process()
        let port: Int

        init(root: String) throws {
            let portFile = root + "/.port"
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", Corpus.repositoryPath("Tests/FeedDownloadTests/Fixtures/feed_server.py"), "--root", root,
                "--port-file", portFile,
            ]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(15)
            var found: Int?
            while Date() < deadline, found == nil {
                found = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0) }
                if found == nil { Thread.sleep(forTimeInterval: 0.02) }
            }
            guard let found else {
                kill(process.processIdentifier, SIGKILL)
                throw ProcessLaunchError(message: "feed server did not start")
            }
            port = found
        }

        func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

        func requests(_ path: String) throws -> Int {
            let data = try Data(contentsOf: try #require(URL(string: url("__stats"))))
            let stats = try JSONParser.parse(String(decoding: data, as: UTF8.self))
            return stats["counts"]?["/" + path]?.integerValue ?? 0
        }

        deinit {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test func updateOverHTTPWithRetriesETagsAndFailures() throws {
        guard Self.vulndb != nil else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let dir = try ScanCorrectnessTests.temporaryDirectory("dbhttp")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = dir + "/www"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        _ = try Self.copy("vulndb/alpine-secdb-2020/v3.10/main.yaml", to: root)
        let dsa = try Self.copy("vulndb/debian-security-tracker/DSA-list.txt", to: root)
        _ = try Self.copy("vulndb/osv/crates-rustsec-osv.tar.gz", to: root)
        let server = try Server(root: root)
        let feedsFile = dir + "/feeds.yaml"
        try Self.feeds(
            [
                ("alpine-3.10-main", "alpine-secdb", [server.url("main.yaml?fail=503&count=2")]),
                ("debian-dsa", "debian-dsa", [server.url("DSA-list.txt")]),
                ("osv-crates", "osv", [server.url("crates-rustsec-osv.tar.gz")]),
            ],
            at: feedsFile
        )
        let db = dir + "/db/bulkhead.db"

        let (code, out) = Self.run(["db", "update", "--db", db, "--feeds", feedsFile])
        #expect(code == 0, "\(out.stderr)")
        #expect(try server.requests("main.yaml?fail=503&count=2") == 3)  // two 503s, then success
        let (_, status) = Self.run(["db", "status", "--db", db, "--format", "json"])
        let doc = try JSONParser.parse(status.stdout)
        #expect(doc["sources"]?.arrayValue?.count == 3)
        let records = (doc["sources"]?.arrayValue ?? []).map { $0["records"]?.integerValue ?? 0 }
        #expect(records.allSatisfy { $0 > 100 })
        #expect(doc["stale"] == .bool(false))
        let first = try Self.sha256(db)

        // Nothing changed upstream: conditional requests, 304s, the database file is left alone.
        let (again, againOut) = Self.run(["db", "update", "--db", db, "--feeds", feedsFile])
        #expect(again == 0 && againOut.stdout.contains("up to date"), "\(againOut.stderr)")
        #expect(try Self.sha256(db) == first)

        // One feed changes: only it is imported; the others are carried over.
        try
            (String(contentsOfFile: dsa, encoding: .utf8)
            + "[01 Jan 2099] DSA-9999-1 bulkhead-test - security update\n\t{CVE-2099-0001}\n\t[bookworm] - bulkhead-test 1.0-2\n")
            .write(toFile: dsa, atomically: true, encoding: .utf8)
        let (changed, changedOut) = Self.run(["db", "update", "--db", db, "--feeds", feedsFile])
        #expect(changed == 0, "\(changedOut.stderr)")
        #expect(
            changedOut.stdout.contains("1 feeds imported") && changedOut.stdout.contains("2 unchanged"),
            "\(changedOut.stdout)"
        )
        let after = try Self.sha256(db)
        #expect(after != first)

        // A failing feed (404, not retried) fails the update and keeps the database.
        try Self.feeds(
            [("debian-dsa", "debian-dsa", [server.url("DSA-list.txt?status=404")])],
            at: dir + "/broken.yaml"
        )
        let (failed, failedOut) = Self.run(["db", "update", "--db", db, "--feeds", dir + "/broken.yaml"])
        #expect(failed == 2)
        #expect(failedOut.stderr.contains("404") && failedOut.stderr.contains("not changed"), "\(failedOut.stderr)")
        #expect(try Self.sha256(db) == after)
        // A truncated response is detected, retried, and in the end fails the same way.
        try Self.feeds(
            [("debian-dsa", "debian-dsa", [server.url("DSA-list.txt?truncate=1")])],
            at: dir + "/truncated.yaml"
        )
        let (cut, cutOut) = Self.run([
            "db", "update", "--db", db, "--feeds", dir + "/truncated.yaml", "--attempts", "2",
        ])
        #expect(cut == 2 && cutOut.stderr.contains("truncated"), "\(cutOut.stderr)")
        #expect(try Self.sha256(db) == after)
    }

    /// Builds a small database, then imports each hostile feed: every import fails with a clear
    /// message naming the file and leaves the database byte for byte.
    @Test func hostileFeedFilesFailCleanly() throws {
        guard let vulndb = Self.vulndb else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let dir = try ScanCorrectnessTests.temporaryDirectory("dbhostile")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try ScanCorrectnessTests.buildDatabase(
            [("alpine", "alpine-secdb", [vulndb + "/alpine-secdb-2020/v3.10/main.yaml"])],
            in: dir
        )
        let before = try Self.sha256(db)

        let maker = """
            import sys, zipfile, io, gzip, os
            d = sys.argv[1]
            open(d + "/bad.json", "w").write('{"distroversion": "v3.10", "packages": [ {"pkg": {"name": "musl", "secfixes": {"1.1-r1": [')
            with zipfile.ZipFile(d + "/evil.zip", "w") as z:
                z.writestr("../../etc/evil.json", '{"id": "X", "affected": []}')
            with zipfile.ZipFile(d + "/bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
                with z.open("bomb.json", "w") as f:
                    chunk = b"0" * (1 << 20)
                    for _ in range(300):
                        f.write(chunk)
            data = open(sys.argv[2], "rb").read()
            open(d + "/truncated.tar.gz", "wb").write(data[: len(data) // 2])
            with open(d + "/huge.json", "wb") as f:
                f.truncate(2 * 1000 * 1000 * 1000 + 7)
            """
        let made = try runProcessBlocking(["python3", "-c", maker, dir, vulndb + "/osv/crates-rustsec-osv.tar.gz"])
        try #require(made.status == 0, "\(made.stderr)")
        let cases: [(file: String, kind: String, expect: [String])] = [
            ("bad.json", "alpine-secdb", ["bad.json"]),
            ("evil.zip", "osv", ["evil.zip", "../"]),
            ("bomb.zip", "osv", ["bomb.zip"]),
            ("truncated.tar.gz", "osv", ["truncated"]),
            ("huge.json", "nvd", ["huge.json"]),
        ]
        for c in cases {
            try Self.feeds([("hostile", c.kind, ["file://" + dir + "/" + c.file])], at: dir + "/h.yaml")
            let (code, out) = Self.run(["db", "update", "--db", db, "--feeds", dir + "/h.yaml"])
            #expect(code == 2, "\(c.file): \(out.stdout) \(out.stderr)")
            for word in c.expect { #expect(out.stderr.contains(word), "\(c.file): \(out.stderr)") }
            #expect(try Self.sha256(db) == before, "\(c.file) changed the database")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter {
            $0.contains(".tmp-") || $0.hasPrefix("staging-")
        }
        #expect(leftovers.isEmpty, "\(leftovers)")
        let (status, _) = Self.run(["db", "status", "--db", db])
        #expect(status == 0)
    }

    @Test func onlySelectsFeedsAndKeepsTheOthers() throws {
        guard let vulndb = Self.vulndb else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let dir = try ScanCorrectnessTests.temporaryDirectory("dbonly")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let alpine = try Self.copy("vulndb/alpine-secdb-2020/v3.10/main.yaml", to: dir)
        try Self.feeds(
            [
                ("alpine-3.10-main", "alpine-secdb", ["file://" + alpine]),
                ("debian-dla", "debian-dla", ["file://" + vulndb + "/debian-security-tracker/DLA-list.txt"]),
            ],
            at: dir + "/feeds.yaml"
        )
        let db = dir + "/vuln.db"
        let (first, firstOut) = Self.run(["db", "update", "--db", db, "--feeds", dir + "/feeds.yaml"])
        try #require(first == 0, "\(firstOut.stderr)")
        let (listed, list) = Self.run([
            "db", "update", "--feeds", dir + "/feeds.yaml", "--only", "debian-dla", "--list",
        ])
        #expect(listed == 0 && list.stdout.hasPrefix("debian-dla\t") && !list.stdout.contains("alpine"))
        let (only, onlyOut) = Self.run(["db", "update", "--db", db, "--feeds", dir + "/feeds.yaml", "--only", "alpine"])
        #expect(only == 0, "\(onlyOut.stderr)")
        #expect(onlyOut.stdout.contains("1 feeds imported"), "\(onlyOut.stdout)")
        let (_, status) = Self.run(["db", "status", "--db", db, "--format", "json"])
        #expect(
            try JSONParser.parse(status.stdout)["sources"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [
                "alpine-3.10-main", "debian-dla",
            ]
        )
        let (unknown, unknownOut) = Self.run([
            "db", "update", "--db", db, "--feeds", dir + "/feeds.yaml", "--only", "cobol",
        ])
        #expect(unknown == 2 && unknownOut.stderr.contains("cobol"))
        try "feeds:\n  - id: x\n    kind: telepathy\n    url: file:///x\n".write(
            toFile: dir + "/bad.yaml",
            atomically: true,
            encoding: .utf8
        )
        let (bad, badOut) = Self.run(["db", "update", "--db", db, "--feeds", dir + "/bad.yaml"])
        #expect(bad == 2 && badOut.stderr.contains("telepathy"))
    }

    /// A `file://` directory (a checkout of an advisory repository) is imported in place and gives
    /// the same database content as listing its files one by one.
    @Test func localDirectoryFeedEqualsItsFiles() throws {
        guard let subset = Corpus.path("vulndb/alpine-secdb-vuln-list-subset"),
            let image = Corpus.path("images/docker-save/alpine-3.10.4-docker-save.tar.gz")
        else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let dir = try ScanCorrectnessTests.temporaryDirectory("dbdir")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.feeds([("alpine-dir", "alpine-secdb", ["file://" + subset])], at: dir + "/dir.yaml")
        let fromDirectory = dir + "/dir.db"
        let (code, out) = Self.run(["db", "update", "--db", fromDirectory, "--feeds", dir + "/dir.yaml"])
        #expect(code == 0, "\(out.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: subset).sorted().map { subset + "/" + $0 }
        try FileManager.default.createDirectory(atPath: dir + "/files", withIntermediateDirectories: true)
        let fromFiles = try ScanCorrectnessTests.buildDatabase(
            [("alpine-files", "alpine-secdb", files)],
            in: dir + "/files"
        )
        func findings(_ db: String) throws -> Set<String> {
            let (scanCode, scan) = Self.run(["scan", image, "--db", db, "--format", "json"])
            #expect(scanCode == 0, "\(scan.stderr)")
            return try ScanCorrectnessTests.pairs(scan.stdout) { $0.hasPrefix("CVE-") }
        }
        let a = try findings(fromDirectory)
        #expect(a.count == 20)
        #expect(a == (try findings(fromFiles)))
    }

    @Test(arguments: ["ed25519", "p256"])
    func signedBundleExportImportAndRefusals(algorithm: String) throws {
        guard let vulndb = Self.vulndb else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let dir = try ScanCorrectnessTests.temporaryDirectory("bundle-\(algorithm)")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try ScanCorrectnessTests.buildDatabase(
            [("alpine", "alpine-secdb", [vulndb + "/alpine-secdb-2020/v3.10/main.yaml"])],
            in: dir
        )
        let (k1, _) = Self.run(["db", "keygen", "--algorithm", algorithm, "--out", dir + "/signer.pem"])
        let (k2, _) = Self.run(["db", "keygen", "--algorithm", algorithm, "--out", dir + "/other.pem"])
        #expect(k1 == 0 && k2 == 0)
        let (exported, exportOut) = Self.run([
            "db", "export", dir + "/db.bundle", "--db", db, "--key", dir + "/signer.pem",
        ])
        try #require(exported == 0, "\(exportOut.stderr)")

        let target = dir + "/airgap/bulkhead.db"
        let (imported, importOut) = Self.run([
            "db", "import", dir + "/db.bundle", "--db", target, "--key", dir + "/signer.pem.pub",
        ])
        #expect(imported == 0, "\(importOut.stderr)")
        #expect(try Self.sha256(target) == Self.sha256(db))
        let installed = try Self.sha256(target)

        let (wrongKey, wrongOut) = Self.run([
            "db", "import", dir + "/db.bundle", "--db", target, "--key", dir + "/other.pem.pub",
        ])
        #expect(wrongKey == 2 && wrongOut.stderr.contains("kept"), "\(wrongOut.stderr)")
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/db.bundle")))
        bytes[bytes.count - 100] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/tampered.bundle"))
        let (tampered, _) = Self.run([
            "db", "import", dir + "/tampered.bundle", "--db", target, "--key", dir + "/signer.pem.pub",
        ])
        #expect(tampered == 2)
        try Data(bytes.prefix(bytes.count / 3)).write(to: URL(fileURLWithPath: dir + "/short.bundle"))
        let (short, _) = Self.run([
            "db", "import", dir + "/short.bundle", "--db", target, "--key", dir + "/signer.pem.pub",
        ])
        #expect(short == 2)
        #expect(try Self.sha256(target) == installed)
        let (noKey, _) = Self.run(["db", "import", dir + "/db.bundle", "--db", target])
        #expect(noKey == 2)
    }
}
