import Foundation
import SecurityModel
import TestSupport
import Testing
import ToolCommands

/// `bulkhead sbom` end to end on real images from the corpus and a debootstrap Debian.
struct SBOMCommandTests {
    static func run(_ args: [String], environment: [String: String] = [:]) -> (Int32, CapturedOutput) {
        let (io, out) = CommandIO.capturing(environment: environment, currentDirectory: NSTemporaryDirectory())
        return (Bulkhead.run(arguments: args, io: io), out)
    }

    /// (name, version, origin) triples parsed independently from an apk installed database.
    static func apkTriples(_ db: String) -> [String] {
        var result: [String] = []
        for block in db.components(separatedBy: "\n\n") {
            var fields: [String: String] = [:]
            for line in block.split(separator: "\n") where line.count > 2 && line.dropFirst().hasPrefix(":") {
                fields[String(line.prefix(1))] = String(line.dropFirst(2))
            }
            if let p = fields["P"], let v = fields["V"] { result.append("\(p) \(v) \(fields["o"] ?? p)") }
        }
        return result.sorted()
    }

    static var alpineTarballs: [String] {
        guard let dir = Corpus.path("images/alpine-minirootfs") else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".tar.gz") }.sorted().map { dir + "/" + $0 }
    }

    @Test func alpineRootfsPackageListsEqualTheirInstalledDatabase() throws {
        if Self.alpineTarballs.isEmpty {
            #expect(!Corpus.integrationRequired, "corpus Alpine tarballs missing")
            return
        }
        for tarball in Self.alpineTarballs {
            let db = try runProcessBlocking(["tar", "-xzOf", tarball, "./lib/apk/db/installed"])
            try #require(db.status == 0, "tar failed on \(tarball)")
            let (code, out) = Self.run(["sbom", tarball, "--format", "json", "--no-cache"])
            #expect(code == 0, "\(out.stderr)")
            let doc = try JSONParser.parse(out.stdout)
            let packages = doc["packages"]?.arrayValue ?? []
            let ours = packages.map { p in
                "\(p["name"]?.stringValue ?? "") \(p["version"]?.stringValue ?? "") \(p["sourceName"]?.stringValue ?? p["name"]?.stringValue ?? "")"
            }.sorted()
            #expect(ours == Self.apkTriples(db.stdout), "\(tarball)")
            #expect(doc["os"]?["id"]?.stringValue == "alpine")
        }
    }

    @Test func everyFormatRendersAndCycloneDXValidates() async throws {
        guard let tarball = Self.alpineTarballs.last else {
            #expect(!Corpus.integrationRequired, "corpus Alpine tarballs missing")
            return
        }
        for format in ["table", "json", "spdx-json", "cyclonedx-json"] {
            let (code, out) = Self.run(["sbom", tarball, "--format", format, "--no-cache"])
            #expect(code == 0 && out.stdout.contains("musl"), "\(format): \(out.stderr)")
        }
    }

    @Test func warmCacheGivesTheSameDocumentWithoutReadingLayers() throws {
        guard let archive = Corpus.path("images/docker-save/alpine-3.11.5-docker-save.tar.gz") else {
            #expect(!Corpus.integrationRequired, "corpus docker-save image missing")
            return
        }
        let cache = NSTemporaryDirectory() + "bulkhead-cache-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let args = ["sbom", archive, "--format", "json", "--cache-dir", cache]
        let (c1, first) = Self.run(args)
        let (c2, second) = Self.run(args)
        #expect(c1 == 0 && c2 == 0)
        #expect(first.stdout == second.stdout)
        let cached = (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
        #expect(cached.count == 1)
    }

    @Test func missingAndHostileInputsExitTwo() throws {
        let (code, out) = Self.run(["sbom", "/nonexistent/image.tar", "--no-cache"])
        #expect(code == 2)
        #expect(out.stderr.contains("/nonexistent/image.tar"))
        let (badFormat, _) = Self.run(["sbom", "x", "--format", "xml"])
        #expect(badFormat == 2)
    }

    /// A Debian rootfs built with debootstrap --variant=minbase from Debian's archive; the package
    /// list must equal `dpkg-query -W` over the same database.
    @Test(.enabled(if: Corpus.integrationRequired || FileManager.default.fileExists(atPath: "/usr/sbin/debootstrap")))
    func debootstrapPackageListEqualsDpkgQuery() throws {
        let root = try DebootstrapRootfs.minbase()
        let query = try runProcessBlocking([
            "dpkg-query", "--admindir=\(root)/var/lib/dpkg", "-W", "-f", "${Package} ${Version}\n",
        ])
        try #require(query.status == 0, "\(query.stderr)")
        let expected = query.stdout.split(separator: "\n").map(String.init).sorted()
        let (code, out) = Self.run(["sbom", "dir:\(root)", "--format", "json", "--no-cache"])
        #expect(code == 0, "\(out.stderr)")
        let packages = try JSONParser.parse(out.stdout)["packages"]?.arrayValue ?? []
        let ours = packages.filter { $0["type"]?.stringValue == "deb" }
            .map { "\($0["name"]?.stringValue ?? "") \($0["version"]?.stringValue ?? "")" }.sorted()
        #expect(ours == expected)
        #expect(expected.count > 50)
    }
}

/// Builds (once per machine) a Debian bookworm minbase root file system for tests.
enum DebootstrapRootfs {
    static let path = "/var/tmp/bulkhead-test-debootstrap/bookworm-minbase"

    static func minbase() throws -> String {
        if FileManager.default.fileExists(atPath: path + "/var/lib/dpkg/status") { return path }
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let result = try runProcessBlocking([
            "debootstrap", "--variant=minbase", "bookworm", path, "http://deb.debian.org/debian",
        ])
        guard result.status == 0 else {
            throw ProcessLaunchError(message: "debootstrap failed: \(result.stderr.suffix(2000))")
        }
        return path
    }
}
