import Catalogers
import Foundation
import SecurityModel
import TestSupport
import Testing

/// The apk cataloger over the real Alpine root file systems of the corpus and the apk fixtures of syft
/// and osv-scalibr, each compared with an independent Python parse.
struct ApkCatalogerTests {
    static let cataloger = ApkCataloger()
    static var hasPython: Bool { (try? runProcessBlocking(["python3", "-c", "pass"]).status) == 0 }

    /// `name\tversion\torigin` for every entry with P: and V: (the name when there is no origin).
    static let pythonParser = #"""
        def apk_rows(text):
            rows, cur = [], {}
            for line in text.split("\n") + [""]:
                line = line.rstrip("\r")
                if line == "":
                    if cur.get("P") and cur.get("V"):
                        rows.append("\t".join([cur["P"], cur["V"], cur.get("o") or cur["P"]]))
                    cur = {}
                elif len(line) >= 2 and line[1] == ":" and line[0] in "PVo":
                    cur[line[0]] = line[2:]
            return rows
        """#

    static func pythonRows(_ path: String) throws -> [String] {
        let script =
            pythonParser
            + "\nimport sys\nprint('\\n'.join(apk_rows(open(sys.argv[1], 'rb').read().decode('utf-8', 'replace'))))\n"
        let out = try runProcessBlocking(["python3", "-c", script, path])
        try #require(out.status == 0, "python failed: \(out.stderr)")
        return out.stdout.split(separator: "\n").map(String.init)
    }

    static func rows(_ packages: [Package]) -> [String] {
        packages.map { [$0.name, $0.version, $0.sourceName ?? ""].joined(separator: "\t") }
    }

    // MARK: - Real Alpine root file systems

    /// Reads a rootfs or `docker save` tarball with Python's tarfile: every member (path, kind, link
    /// target, layer, content of regular files) and the rows of its /lib/apk/db/installed parsed there.
    static let tarballReader =
        pythonParser + "\n" + #"""
            import base64, io, json, sys, tarfile
            outer = tarfile.open(sys.argv[1])
            names = outer.getnames()
            if "manifest.json" in names:
                layers = json.load(outer.extractfile("manifest.json"))[0]["Layers"]
                tars = [tarfile.open(fileobj=io.BytesIO(outer.extractfile(l).read())) for l in layers]
            else:
                tars = [outer]
            entries, installed = [], None
            for index, tf in enumerate(tars):
                for m in tf.getmembers():
                    name = m.name
                    while name.startswith("./"):
                        name = name[2:]
                    name = "/" + name.strip("/")
                    if name == "/" or name == "/.":
                        continue
                    kind = "dir" if m.isdir() else "symlink" if m.issym() else "hardlink" if m.islnk() else "file" if m.isfile() else "other"
                    data = ""
                    if m.isfile():
                        raw = tf.extractfile(m).read()
                        data = base64.b64encode(raw).decode()
                        if name == "/lib/apk/db/installed":
                            installed = raw.decode("utf-8", "replace")
                    link = m.linkname
                    if m.islnk():
                        while link.startswith("./"):
                            link = link[2:]
                        link = "/" + link.strip("/")
                    entries.append([name, kind, link, index, data])
            print(json.dumps({"entries": entries, "rows": apk_rows(installed) if installed is not None else None}))
            """#

    struct Tarball: Sendable, CustomStringConvertible {
        var path: String
        var version: String
        var description: String { path }
    }

    static let tarballs = [
        Tarball(path: "images/alpine-minirootfs/alpine-minirootfs-3.7.3-x86_64.tar.gz", version: "3.7.3"),
        Tarball(path: "images/alpine-minirootfs/alpine-minirootfs-3.10.9-x86_64.tar.gz", version: "3.10.9"),
        Tarball(path: "images/alpine-minirootfs/alpine-minirootfs-3.11.13-x86_64.tar.gz", version: "3.11.13"),
        Tarball(path: "images/docker-save/alpine-3.10.4-docker-save.tar.gz", version: "3.10.4"),
        Tarball(path: "images/docker-save/alpine-3.11.5-docker-save.tar.gz", version: "3.11.5"),
    ]

    /// The issue's acceptance check: for each real Alpine rootfs tarball, the package list equals its
    /// /lib/apk/db/installed exactly (names, versions, origins), and every owned file is in the rootfs.
    @Test(.enabled(if: OSCorpus.enabled), arguments: tarballs)
    func alpineRootfsPackagesEqualTheInstalledDatabase(_ tarball: Tarball) throws {
        try #require(Self.hasPython, "python3 is required to read the tarball independently")
        let out = try runProcessBlocking(["python3", "-c", Self.tarballReader, try OSCorpus.path(tarball.path)])
        try #require(out.status == 0, "python failed: \(out.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        )
        let expected = try #require(json["rows"] as? [String], "no /lib/apk/db/installed in \(tarball.path)")
        let entries = try #require(json["entries"] as? [[Any]])
        var tree = InMemoryFileTree()
        for item in entries {
            guard let path = item[0] as? String, let kind = item[1] as? String, let link = item[2] as? String,
                let layer = item[3] as? Int, let data = item[4] as? String
            else { continue }
            switch kind {
            case "file": tree.add(path, [UInt8](Data(base64Encoded: data) ?? Data()), layerIndex: layer)
            case "dir": tree.add(FileEntry(path: path, kind: .directory, mode: 0o755, layerIndex: layer))
            case "symlink": tree.add(FileEntry(path: path, kind: .symlink, linkTarget: link, layerIndex: layer))
            case "hardlink": tree.add(FileEntry(path: path, kind: .hardlink, linkTarget: link, layerIndex: layer))
            default: break
            }
        }
        let os = try #require(OperatingSystemDetector.detect(tree))
        #expect(os.id == "alpine" && os.versionID == tarball.version)
        let result = Self.cataloger.catalog(tree, context: CatalogContext(operatingSystem: os))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect((13...15).contains(expected.count), "\(expected.count) packages")
        #expect(Self.rows(result.packages) == expected)
        for pkg in result.packages {
            #expect(pkg.purl.hasPrefix("pkg:apk/alpine/\(PackageURL.encode(pkg.name))@"))
            #expect(pkg.purl.contains("distro=alpine-\(tarball.version)"))
            #expect(pkg.layerIndex == 0)
            #expect(!pkg.licenses.isEmpty, "\(pkg.name)")
            for file in pkg.files {
                #expect(tree.resolve(file) != nil || tree.entry(at: file) != nil, "\(pkg.name) owns missing \(file)")
            }
        }
        let owned = result.packages.reduce(0) { $0 + $1.files.count }
        #expect(owned > 50)
        let musl = try #require(result.packages.first { $0.name == "musl" })
        #expect(musl.files.contains { $0.hasPrefix("/lib/ld-musl-x86_64.so.1") })
    }

    // MARK: - Fixtures

    static let fixtureFiles = [
        "pkgdb/osv-scalibr/apk/installed", "pkgdb/osv-scalibr/apk/single", "pkgdb/osv-scalibr/apk/no-origin",
        "pkgdb/osv-scalibr/apk/different-arch", "pkgdb/osv-scalibr/apk/empty", "pkgdb/osv-scalibr/apk/invalid",
        "pkgdb/syft/alpine/base", "pkgdb/syft/alpine/single", "pkgdb/syft/alpine/extra-file-attributes",
        "pkgdb/syft/alpine/empty-deps-and-provides", "pkgdb/syft/alpine/multiple-1/lib/apk/db/installed",
        "pkgdb/syft/alpine/multiple-2/lib/apk/db/installed", "pkgdb/syft/alpine/corrupt/lib/apk/db/installed",
        "pkgdb/syft/alpine/glob-paths/lib/apk/db/installed",
    ]

    static func catalog(_ relative: String, os: OperatingSystem? = nil) throws -> CatalogerResult {
        var tree = InMemoryFileTree()
        tree.add("/lib/apk/db/installed", try OSCorpus.bytes(relative))
        return cataloger.catalog(tree, context: CatalogContext(operatingSystem: os))
    }

    @Test(.enabled(if: OSCorpus.enabled && hasPython))
    func everyFixtureMatchesAnIndependentParse() throws {
        var total = 0
        for file in Self.fixtureFiles {
            let result = try Self.catalog(file)
            let expected = try Self.pythonRows(try OSCorpus.path(file))
            #expect(Self.rows(result.packages) == expected, "\(file)")
            if expected.isEmpty { #expect(!result.diagnostics.isEmpty, "\(file): zero packages must be reported") }
            total += expected.count
        }
        #expect(total > 30)
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func realAlpine318Database() throws {
        let os = OperatingSystem(id: "alpine", versionID: "3.18.4")
        let result = try Self.catalog("pkgdb/osv-scalibr/apk/installed", os: os)
        let text = String(decoding: try OSCorpus.bytes("pkgdb/osv-scalibr/apk/installed"), as: UTF8.self)
        let expectedCount = text.split(separator: "\n").filter { $0.hasPrefix("P:") }.count
        #expect(result.packages.count == expectedCount)
        #expect(result.diagnostics.isEmpty)
        let baselayout = try #require(result.packages.first { $0.name == "alpine-baselayout" })
        #expect(baselayout.version == "3.4.3-r1" && baselayout.licenses == ["GPL-2.0-only"])
        #expect(baselayout.purl == "pkg:apk/alpine/alpine-baselayout@3.4.3-r1?arch=x86_64&distro=alpine-3.18.4")
        #expect(baselayout.files.contains("/etc/motd") && baselayout.files.contains("/etc/crontabs/root"))
        #expect(!baselayout.files.contains("/etc/apk"))
        let withOrigin = try #require(result.packages.first { $0.sourceName != $0.name })
        #expect(withOrigin.purl.hasSuffix("&upstream=\(PackageURL.encode(withOrigin.sourceName ?? ""))"))
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func noOriginMeansTheNameIsTheSource() throws {
        let result = try Self.catalog("pkgdb/osv-scalibr/apk/no-origin")
        let pkg = try #require(result.packages.first)
        #expect(pkg.sourceName == "pkgname" && !pkg.purl.contains("upstream"))
        #expect(pkg.purl == "pkg:apk/alpine/pkgname@1.2.3?arch=x86_64")
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func corruptAndInvalidDatabasesGiveDiagnostics() throws {
        let corrupt = try Self.catalog("pkgdb/syft/alpine/corrupt/lib/apk/db/installed")
        #expect(corrupt.diagnostics.contains { $0.message.contains("malformed") && $0.path == "/lib/apk/db/installed" })
        #expect(!corrupt.packages.isEmpty)
        let invalid = try Self.catalog("pkgdb/osv-scalibr/apk/invalid")
        #expect(invalid.packages.isEmpty)
        #expect(invalid.diagnostics.contains { $0.message.contains("no packages") })
    }

    // MARK: - Hand-made trees

    static let database = """
        P:musl
        V:1.2.4-r2
        A:x86_64
        L:MIT
        o:musl
        F:lib
        R:ld-musl-x86_64.so.1
        R:libc.musl-x86_64.so.1

        P:curl
        V:8.5.0-r0
        A:x86_64
        L:curl
        o:curl
        F:usr/bin
        R:curl

        P:libcurl
        V:8.5.0-r0
        A:x86_64
        L:curl
        o:curl
        F:usr/lib
        R:libcurl.so.4

        """

    @Test func layerComesFromTheOwnedFiles() {
        var tree = InMemoryFileTree()
        tree.add("/lib/apk/db/installed", Array(Self.database.utf8), layerIndex: 2)
        tree.add("/lib/ld-musl-x86_64.so.1", [1], layerIndex: 0)
        tree.add(
            FileEntry(
                path: "/lib/libc.musl-x86_64.so.1",
                kind: .symlink,
                linkTarget: "ld-musl-x86_64.so.1",
                layerIndex: 0
            )
        )
        tree.add("/usr/bin/curl", [1], layerIndex: 2)
        // libcurl's file was deleted later: it falls back to the database's layer.
        let os = OperatingSystem(id: "alpine", versionID: "3.19.0")
        let result = Self.cataloger.catalog(tree, context: CatalogContext(operatingSystem: os))
        #expect(result.packages.map(\.name) == ["musl", "curl", "libcurl"])
        #expect(result.packages.map(\.layerIndex) == [0, 2, 2])
        #expect(result.packages[0].files == ["/lib/ld-musl-x86_64.so.1", "/lib/libc.musl-x86_64.so.1"])
        #expect(
            result.packages[2].purl == "pkg:apk/alpine/libcurl@8.5.0-r0?arch=x86_64&distro=alpine-3.19.0&upstream=curl"
        )
        #expect(result.packages[2].sourceName == "curl")
        #expect(result.packages[2].locations == ["/lib/apk/db/installed"])
    }

    @Test func wolfiNamespaceAndUsrMergedDatabase() {
        var tree = InMemoryFileTree()
        tree.add("/usr/lib/apk/db/installed", Array(Self.database.utf8))
        tree.add(FileEntry(path: "/lib", kind: .symlink, linkTarget: "usr/lib"))
        let os = OperatingSystem(id: "wolfi", versionID: "20230201")
        let result = Self.cataloger.catalog(tree, context: CatalogContext(operatingSystem: os))
        // /lib/apk/db/installed and /usr/lib/apk/db/installed are the same file: read once.
        #expect(result.packages.count == 3)
        #expect(result.packages.first?.purl == "pkg:apk/wolfi/musl@1.2.4-r2?arch=x86_64&distro=wolfi-20230201")
    }

    @Test func requiredPathsAreExact() {
        #expect(Self.cataloger.isRequired("/lib/apk/db/installed"))
        #expect(Self.cataloger.isRequired("/usr/lib/apk/db/installed"))
        #expect(!Self.cataloger.isRequired("/lib/apk/db/scripts.tar"))
        #expect(!Self.cataloger.isRequired("/lib/apk/db/installed.bak"))
        #expect(!Self.cataloger.isRequired("/etc/apk/world"))
    }

    @Test func catalogerIdentity() {
        #expect(OSCatalogers.all.map(\.id) == ["os/dpkg", "os/apk", "os/rpm"])
        #expect(OSCatalogers.all.allSatisfy { $0.version >= 1 })
        for path in ["/etc/os-release", "/var/lib/dpkg/status", "/lib/apk/db/installed", "/var/lib/rpm/Packages"] {
            #expect(OSCatalogers.isRequired(path), "\(path)")
        }
        #expect(!OSCatalogers.isRequired("/usr/bin/bash"))
    }
}
