import Foundation
import SecurityModel
import TestSupport
import Testing
import ToolCommands

/// `bulkhead scan` on real data, compared with expectations computed independently by
/// Fixtures/scan_expectations.py (Python's own parsers + univers / python-apt / packaging
/// comparators): no missing and no extra finding.
@Suite(.serialized) struct ScanCorrectnessTests {
    static let script = Corpus.repositoryPath("Tests/ToolCommandsTests/Fixtures/scan_expectations.py")

    static func run(_ args: [String], cwd: String = NSTemporaryDirectory()) -> (Int32, CapturedOutput) {
        let (io, out) = CommandIO.capturing(environment: ["BULKHEAD_RETRY_BASE_MS": "5"], currentDirectory: cwd)
        return (Bulkhead.run(arguments: args, io: io), out)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory(_ label: String) throws -> String {
        let dir = NSTemporaryDirectory() + "bulkhead-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Builds a database from local files through `db update --feeds` (file:// URLs).
    static func buildDatabase(_ feeds: [(id: String, kind: String, files: [String])], in dir: String) throws -> String {
        var yaml = "feeds:\n"
        for feed in feeds {
            yaml += "  - id: \(feed.id)\n    kind: \(feed.kind)\n    urls:\n"
            for f in feed.files { yaml += "      - file://\(f)\n" }
        }
        let feedsFile = dir + "/feeds.yaml"
        try yaml.write(toFile: feedsFile, atomically: true, encoding: .utf8)
        let db = dir + "/vuln.db"
        let (code, out) = run(["db", "update", "--db", db, "--feeds", feedsFile])
        try #require(code == 0, "db update failed: \(out.stderr)")
        return db
    }

    /// (package, id) pairs of a scan's JSON, every id and alias that `keep` accepts.
    static func pairs(_ json: String, keep: (String) -> Bool) throws -> Set<String> {
        let doc = try JSONParser.parse(json)
        var out = Set<String>()
        for result in doc["results"]?.arrayValue ?? [] {
            let name = result["package"]?["name"]?.stringValue ?? "?"
            for v in result["vulnerabilities"]?.arrayValue ?? [] {
                for id in [v["id"]?.stringValue].compactMap({ $0 }) + (v["aliases"]?.strings ?? []) where keep(id) {
                    out.insert("\(name) \(id)")
                }
            }
        }
        return out
    }

    /// Runs the expectation script; Debian mode needs the system interpreter (python3-apt).
    static func expected(_ args: [String]) throws -> Set<String> {
        let python = args.first == "debian" ? "/usr/bin/python3" : "python3"
        let r = try runProcessBlocking([python, script] + args)
        try #require(r.status == 0, "expectation script failed: \(r.stderr.suffix(2000))")
        let list = try JSONParser.parse(r.stdout).arrayValue ?? []
        return Set(list.compactMap { pair in pair.strings.count == 2 ? "\(pair.strings[0]) \(pair.strings[1])" : nil })
    }

    static func alpineImages() -> [String] {
        var images: [String] = []
        for dir in ["images/alpine-minirootfs", "images/docker-save"] {
            guard let path = Corpus.path(dir) else { continue }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            images += names.filter { $0.hasSuffix(".tar.gz") }.sorted().map { path + "/" + $0 }
        }
        return images
    }

    @Test func alpineImagesAgainstTheSecdbOfTheirOwnBranch() throws {
        let images = Self.alpineImages()
        guard let corpus = Corpus.root, images.count == 5 else {
            #expect(!Corpus.integrationRequired, "corpus Alpine images missing")
            return
        }
        let dir = try Self.temporaryDirectory("alpine")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var feeds: [(id: String, kind: String, files: [String])] = []
        for branch in ["3.7", "3.10", "3.11"] {
            let old = corpus + "/vulndb/alpine-secdb-2020/v\(branch)"
            feeds.append(("alpine-2020-\(branch)", "alpine-secdb", [old + "/main.yaml", old + "/community.yaml"]))
        }
        let subset = corpus + "/vulndb/alpine-secdb-vuln-list-subset"
        let subsetFiles = try FileManager.default.contentsOfDirectory(atPath: subset).sorted().map { subset + "/" + $0 }
        feeds.append(("alpine-vuln-list", "alpine-secdb", subsetFiles))
        let db = try Self.buildDatabase(feeds, in: dir)

        var total = 0
        for image in images {
            let (code, out) = Self.run(["scan", image, "--db", db, "--format", "json"])
            #expect(code == 0, "\(image): \(out.stderr)")
            let ours = try Self.pairs(out.stdout) {
                $0.hasPrefix("CVE-") || $0.hasPrefix("XSA-") || $0.hasPrefix("GHSA-")
            }
            let theirs = try Self.expected(["alpine", image, corpus])
            #expect(ours.subtracting(theirs).isEmpty, "\(image): extra \(ours.subtracting(theirs).sorted())")
            #expect(theirs.subtracting(ours).isEmpty, "\(image): missing \(theirs.subtracting(ours).sorted())")
            total += theirs.count
        }
        // The manifest's known matches: musl CVE-2019-14697 on 3.7.3, apk-tools on 3.10.x, 20 on 3.10.4.
        #expect(total >= 20 + 2 + 1)
    }

    @Test(.enabled(if: Corpus.integrationRequired || FileManager.default.fileExists(atPath: "/usr/sbin/debootstrap")))
    func debootstrapDebianAgainstTrackerAndAdvisoryLists() throws {
        guard let corpus = Corpus.root else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let root = try DebootstrapRootfs.minbase()
        let dir = try Self.temporaryDirectory("debian")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tracker = dir + "/tracker.json"
        let fixture = try runProcessBlocking(["python3", Self.script, "debian-fixture", root, tracker])
        try #require(fixture.status == 0, "\(fixture.stderr)")
        let dsa = corpus + "/vulndb/debian-security-tracker/DSA-list.txt"
        let dla = corpus + "/vulndb/debian-security-tracker/DLA-list.txt"
        let db = try Self.buildDatabase(
            [
                ("debian-tracker", "debian-tracker", [tracker]), ("debian-dsa", "debian-dsa", [dsa]),
                ("debian-dla", "debian-dla", [dla]),
            ],
            in: dir
        )
        let (code, out) = Self.run(["scan", "dir:\(root)", "--db", db, "--format", "json"])
        #expect(code == 0, "\(out.stderr)")
        let ours = try Self.pairs(out.stdout) { $0.hasPrefix("CVE-") }
        let theirs = try Self.expected(["debian", root, tracker, dsa, dla])
        #expect(ours.subtracting(theirs).isEmpty, "extra \(ours.subtracting(theirs).sorted().prefix(20))")
        #expect(theirs.subtracting(ours).isEmpty, "missing \(theirs.subtracting(ours).sorted().prefix(20))")
        #expect(theirs.count > 50)

        // Statuses follow the tracker's verdicts (the fixture cycles through eight cases by id).
        let doc = try JSONParser.parse(out.stdout)
        var checked = 0
        for result in doc["results"]?.arrayValue ?? [] {
            for v in result["vulnerabilities"]?.arrayValue ?? [] {
                guard let id = v["id"]?.stringValue, id.hasPrefix("CVE-2099-"), let n = Int(id.dropFirst(9)) else {
                    continue
                }
                let status = v["status"]?.stringValue
                switch (n - 1000) % 8 {
                case 0: #expect(status == "affected" && (v["fixedVersions"]?.strings.count ?? 0) == 1, "\(id)")
                case 3: #expect(status == "not-fixed", "\(id)")
                case 4: #expect(status == "will-not-fix", "\(id)")
                case 5: #expect(status == "undetermined", "\(id)")
                case 6: #expect(status == "end-of-life", "\(id)")
                default: Issue.record("\(id) must not match (case \((n - 1000) % 8))")
                }
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    @Test func pythonEnvironmentWithOldPackagesFromPyPI() throws {
        guard let archive = Corpus.path("vulndb/osv/pypi-pypa-advisory-database.tar.gz") else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let dir = try Self.temporaryDirectory("pypi")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let site = dir + "/site-packages"
        let pins = [
            "jinja2==2.10", "urllib3==1.24.1", "requests==2.19.1", "django==2.2", "flask==0.12.2", "werkzeug==0.14.1",
            "sqlparse==0.4.1", "idna==2.7", "certifi==2018.4.16",
        ]
        let pip = try runProcessBlocking(
            ["python3", "-m", "pip", "install", "--quiet", "--no-deps", "--only-binary=:all:", "--target", site] + pins
        )
        if pip.status != 0 {
            #expect(!Corpus.integrationRequired, "pip install failed: \(pip.stderr.suffix(1500))")
            return
        }
        let db = try Self.buildDatabase([("osv-pypi", "osv", [archive])], in: dir)
        let (code, out) = Self.run(["scan", "--fs", site, "--db", db, "--format", "json"])
        #expect(code == 0, "\(out.stderr)")
        let ours = try Self.pairs(out.stdout) { $0.hasPrefix("PYSEC-") }
        let theirs = try Self.expected(["pypi", site, archive])
        #expect(ours.subtracting(theirs).isEmpty, "extra \(ours.subtracting(theirs).sorted())")
        #expect(theirs.subtracting(ours).isEmpty, "missing \(theirs.subtracting(ours).sorted())")
        #expect(theirs.count >= 20)
    }
}
