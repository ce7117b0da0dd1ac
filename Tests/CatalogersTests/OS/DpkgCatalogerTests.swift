import Catalogers
import Foundation
import SecurityModel
import TestSupport
import Testing

/// The dpkg cataloger over real status files (claircore, syft, osv-scalibr fixtures), each compared with
/// an independent parse done by a small Python program, plus hand-made trees for files, licenses, layers.
struct DpkgCatalogerTests {
    static let cataloger = DpkgCataloger()
    static let debian12 = OperatingSystem(id: "debian", versionID: "12", codename: "bookworm")

    /// A deliberately simple, line-based deb822 reader: `name\tversion\tarch\tsource\tsourceVersion` of
    /// every stanza with a Package and a Version whose Status (when present) has the state `installed`.
    static let pythonParser = #"""
        import sys
        def emit(f, seen):
            name, ver = f.get("package", ""), f.get("version", "")
            if not name or not ver:
                return
            st = f.get("status")
            if st is not None:
                w = st.split(" ")
                if len(w) != 3 or w[2] != "installed":
                    return
            src = f.get("source", "")
            sname, sver = name, ""
            if src:
                if "(" in src:
                    sname = src.split("(")[0].split(" ")[0]
                    sver = src.split("(", 1)[1].split(")")[0].strip().split(" ")[0]
                else:
                    sname = src.split(" ")[0]
            if sver == ver:
                sver = ""
            key = (name, f.get("architecture", ""), ver)
            if key in seen:
                return
            seen.add(key)
            print("\t".join([name, ver, f.get("architecture", ""), sname, sver]))
        for path in sys.argv[1:]:
            print("==FILE " + path)
            seen = set()
            fields = {}
            for raw in open(path, "rb").read().decode("utf-8", "replace").split("\n"):
                line = raw.rstrip(" \t\r")
                if line == "":
                    emit(fields, seen)
                    fields = {}
                    continue
                if line[0] in " \t#" or ":" not in line:
                    continue
                k, v = line.split(":", 1)
                if k.strip() == "":
                    continue
                fields[k.strip(" \t").lower()] = v.strip(" \t")
            emit(fields, seen)
        """#

    static var hasPython: Bool { (try? runProcessBlocking(["python3", "-c", "pass"]).status) == 0 }

    /// The Python rows of each file, in one interpreter run.
    static func pythonRows(_ paths: [String]) throws -> [String: [String]] {
        let out = try runProcessBlocking(["python3", "-c", pythonParser] + paths)
        try #require(out.status == 0, "python failed: \(out.stderr)")
        var rows: [String: [String]] = [:]
        var current = ""
        for line in out.stdout.split(separator: "\n") {
            if line.hasPrefix("==FILE ") {
                current = String(line.dropFirst(7))
                rows[current] = []
            } else {
                rows[current, default: []].append(String(line))
            }
        }
        return rows
    }

    static func pythonRows(_ path: String) throws -> [String] { try pythonRows([path])[path] ?? [] }

    static func rows(_ packages: [Package]) -> [String] {
        packages.map {
            [$0.name, $0.version, $0.architecture ?? "", $0.sourceName ?? "", $0.sourceVersion ?? ""]
                .joined(separator: "\t")
        }
    }

    static func catalog(statusFile relative: String, os: OperatingSystem? = debian12) throws -> CatalogerResult {
        var tree = InMemoryFileTree()
        tree.add(DpkgCataloger.statusPath, try OSCorpus.bytes(relative))
        return cataloger.catalog(tree, context: CatalogContext(operatingSystem: os))
    }

    static let statusFiles = [
        "pkgdb/claircore/dpkg/texlive.status", "pkgdb/claircore/dpkg/postgresql.status",
        "pkgdb/claircore/dpkg/debian-only.status", "pkgdb/claircore/dpkg/vcpkg.status",
        "pkgdb/syft/debian/image-dpkg/var/lib/dpkg/status", "pkgdb/syft/debian/glob-paths/var/lib/dpkg/status",
        "pkgdb/syft/debian/var/lib/opkg/status",
    ]
    static let statusDirectories = [
        "pkgdb/syft/debian/var/lib/dpkg/status.d", "pkgdb/osv-scalibr/dpkg/dpkg", "pkgdb/osv-scalibr/dpkg/opkg",
    ]

    /// Every real status file, as `/var/lib/dpkg/status`: the package list equals the Python parse.
    @Test(.enabled(if: OSCorpus.enabled))
    func everyCorpusStatusFileMatchesAnIndependentParse() throws {
        try #require(Self.hasPython || !Corpus.integrationRequired, "python3 is required")
        guard Self.hasPython else {
            print("skipping: python3 not found")
            return
        }
        var files = Self.statusFiles
        for directory in Self.statusDirectories {
            files += try OSCorpus.files(under: directory).filter { !$0.hasSuffix(".md5sums") }.map {
                directory + "/" + $0
            }
        }
        #expect(files.count >= 30)
        var total = 0
        let expectedRows = try Self.pythonRows(try files.map { try OSCorpus.path($0) })
        for file in files {
            let result = try Self.catalog(statusFile: file)
            let expected = expectedRows[try OSCorpus.path(file)] ?? []
            #expect(Self.rows(result.packages) == expected, "\(file)")
            total += expected.count
        }
        #expect(total > 400)
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func texliveStatusHas357Packages() throws {
        let result = try Self.catalog(statusFile: "pkgdb/claircore/dpkg/texlive.status", os: nil)
        #expect(result.packages.count == 357)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let names = Set(result.packages.map(\.name))
        #expect(names.count == 357)
        let libc = try #require(result.packages.first { $0.name == "libc6" })
        #expect(libc.type == .deb && libc.foundBy == "os/dpkg")
        #expect(libc.sourceName == "glibc")
        // Without a detected OS, the namespace falls back to debian and there is no distro qualifier.
        #expect(libc.purl.hasPrefix("pkg:deb/debian/libc6@"))
        #expect(!libc.purl.contains("distro="))
        #expect(libc.purl.contains("upstream=glibc"))
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func sourceWithVersionBecomesUpstreamQualifier() throws {
        let os = OperatingSystem(id: "debian", versionID: "10", codename: "buster")
        let result = try Self.catalog(statusFile: "pkgdb/claircore/dpkg/postgresql.status", os: os)
        let client = try #require(result.packages.first { $0.name == "postgresql-client" })
        #expect(client.version == "11+200+deb10u5")
        #expect(client.sourceName == "postgresql-common")
        #expect(client.sourceVersion == "200+deb10u5")
        #expect(
            client.purl
                == "pkg:deb/debian/postgresql-client@11%2B200%2Bdeb10u5?arch=all&distro=debian-10&upstream=postgresql-common%40200%2Bdeb10u5"
        )
        let common = try #require(result.packages.first { $0.name == "postgresql-client-common" })
        #expect(common.sourceVersion == nil)
        #expect(common.purl.hasSuffix("&upstream=postgresql-common"))
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func statusFieldStatesFollowDpkg() throws {
        let result = try Self.catalog(statusFile: "pkgdb/osv-scalibr/dpkg/dpkg/statusfield")
        #expect(
            Set(result.packages.map(\.name))
                == ["wantinstall_installed", "wantdeinstall_installed", "wantpurge_installed", "wantnostatus"]
        )
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func malformedAndEmptyStatusFilesGiveDiagnostics() throws {
        let corrupt = try Self.catalog(statusFile: "pkgdb/syft/debian/var/lib/dpkg/status.d/corrupt")
        #expect(
            corrupt.diagnostics.contains { $0.message.contains("malformed") && $0.path == DpkgCataloger.statusPath }
        )
        let empty = try Self.catalog(statusFile: "pkgdb/osv-scalibr/dpkg/dpkg/empty")
        #expect(empty.packages.isEmpty)
        #expect(empty.diagnostics.contains { $0.message.contains("no installed packages") })
        let invalid = try Self.catalog(statusFile: "pkgdb/osv-scalibr/dpkg/dpkg/invalid")
        #expect(invalid.packages.isEmpty && !invalid.diagnostics.isEmpty)
    }

    /// gcr.io/distroless layout (syft fixture): status.d/<pkg> plus its md5sums, copyright beside.
    @Test(.enabled(if: OSCorpus.enabled))
    func readsDistrolessStatusDirectory() throws {
        var tree = try OSCorpus.tree("pkgdb/syft/debian/image-distroless-deb")
        tree.add("/etc/os-release", Array("PRETTY_NAME=\"Distroless\"\nID=\"debian\"\nVERSION_ID=\"11\"\n".utf8))
        let os = try #require(OperatingSystemDetector.detect(tree))
        #expect(os.isDistroless)
        let result = Self.cataloger.catalog(tree, context: CatalogContext(operatingSystem: os))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let pkg = try #require(result.packages.first)
        #expect(result.packages.count == 1)
        #expect(pkg.name == "libsqlite3-0" && pkg.version == "3.34.1-3" && pkg.sourceName == "sqlite3")
        #expect(pkg.purl == "pkg:deb/debian/libsqlite3-0@3.34.1-3?arch=arm64&distro=debian-11&upstream=sqlite3")
        #expect(pkg.locations.first == "/var/lib/dpkg/status.d/libsqlite3-0")
        #expect(pkg.locations.contains("/var/lib/dpkg/status.d/libsqlite3-0.md5sums"))
        let md5 = try String(
            decoding: OSCorpus.bytes(
                "pkgdb/syft/debian/image-distroless-deb/var/lib/dpkg/status.d/libsqlite3-0.md5sums"
            ),
            as: UTF8.self
        )
        let expectedFiles = md5.split(separator: "\n").compactMap { $0.split(separator: " ").last.map { "/" + $0 } }
        #expect(pkg.files == expectedFiles)
        #expect(!pkg.licenses.isEmpty)
    }

    /// Every status.d fixture of syft, read as a directory: the union of the per-file Python parses.
    @Test(.enabled(if: OSCorpus.enabled && hasPython))
    func readsSyftStatusDirectory() throws {
        let directory = "pkgdb/syft/debian/var/lib/dpkg/status.d"
        var tree = InMemoryFileTree()
        var expected: [String] = []
        for file in try OSCorpus.files(under: directory) {
            tree.add("/var/lib/dpkg/status.d/" + file, try OSCorpus.bytes(directory + "/" + file))
            expected += try Self.pythonRows(try OSCorpus.path(directory + "/" + file))
        }
        let result = Self.cataloger.catalog(tree, context: CatalogContext(operatingSystem: Self.debian12))
        #expect(Set(Self.rows(result.packages)) == Set(expected))
        #expect(result.packages.allSatisfy { $0.locations.first?.hasPrefix("/var/lib/dpkg/status.d/") == true })
        #expect(result.diagnostics.contains { $0.path == "/var/lib/dpkg/status.d/corrupt" })
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func readsSyftImageWithCopyright() throws {
        let tree = try OSCorpus.tree("pkgdb/syft/debian/image-dpkg")
        let os = try #require(OperatingSystemDetector.detect(tree))
        let result = Self.cataloger.catalog(tree, context: CatalogContext(operatingSystem: os))
        let pam = try #require(result.packages.first { $0.name == "libpam-runtime" })
        #expect(pam.licenses == ["GPL-2", "LGPL-2.1"])
        #expect(pam.purl == "pkg:deb/debian/libpam-runtime@1.1.8-3.6?arch=all&distro=debian-12&upstream=pam")
        #expect(pam.sourceName == "pam")
        #expect(result.packages.count == 1)
        // The stanza with an empty Package: is reported, not silently dropped.
        #expect(result.diagnostics.contains { $0.message.contains("without Package or Version") })
        // Files from info/libpam-runtime.md5sums.
        #expect(pam.files.first == "/lib/x86_64-linux-gnu/libz.so.1.2.11" && pam.files.count == 4)
        #expect(pam.locations.last == "/var/lib/dpkg/info/libpam-runtime.md5sums")
    }

    // MARK: - The host's own dpkg database

    static var hostHasDpkg: Bool {
        FileManager.default.fileExists(atPath: "/var/lib/dpkg/status")
            && (try? runProcessBlocking(["dpkg-query", "--version"]).status) == 0
    }

    /// When the test machine is itself Debian-based: its /var/lib/dpkg (status and every info/*.list)
    /// copied into a tree gives exactly what `dpkg-query -W` lists, and `dpkg -L` agrees on files.
    @Test(.enabled(if: hostHasDpkg))
    func hostDatabaseMatchesDpkgQuery() throws {
        var tree = InMemoryFileTree()
        tree.add(
            DpkgCataloger.statusPath,
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: DpkgCataloger.statusPath)))
        )
        let info = try FileManager.default.contentsOfDirectory(atPath: DpkgCataloger.infoDirectory)
        for name in info where name.hasSuffix(".list") {
            let path = DpkgCataloger.infoDirectory + "/" + name
            tree.add(path, [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        let result = Self.cataloger.catalog(tree, context: CatalogContext())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let query = try runProcessBlocking([
            "dpkg-query", "-W", "-f", "${db:Status-Status}\t${Package}\t${Version}\t${Architecture}\n",
        ])
        try #require(query.status == 0)
        let expected = query.stdout.split(separator: "\n").filter { $0.hasPrefix("installed\t") }.map {
            String($0.dropFirst("installed\t".count))
        }
        let rows = result.packages.map { "\($0.name)\t\($0.version)\t\($0.architecture ?? "")" }
        #expect(rows.sorted() == expected.sorted())
        #expect(rows.count > 50)
        // Every package found its list file (plain or :arch); dpkg -L agrees for a few of them.
        #expect(result.packages.allSatisfy { $0.locations.count == 2 })
        for pkg in result.packages.prefix(5) {
            let listed = try runProcessBlocking(["dpkg", "-L", pkg.name]).stdout.split(separator: "\n").map(String.init)
            // The tree holds only /var/lib/dpkg: those directories are left out, every other path is kept.
            #expect(pkg.files == listed.filter { $0 != "/." && tree.entry(at: $0)?.kind != .directory }, "\(pkg.name)")
        }
    }

    // MARK: - Hand-made trees

    static let twoPackages = """
        Package: libc6
        Status: install ok installed
        Architecture: amd64
        Multi-Arch: same
        Source: glibc
        Version: 2.36-9+deb12u4
        Description: GNU C Library
         multi-line description
         .
         more

        Package: base-files
        Status: install ok installed
        Architecture: amd64
        Version: 12.4+deb12u5
        Conffiles:
         /etc/debian_version 3d6b6a9a8e3c9a1b

        Package: removed
        Status: deinstall ok config-files
        Architecture: amd64
        Version: 1.0

        """

    @Test func readsListFilesLicensesAndLayers() throws {
        var tree = InMemoryFileTree()
        tree.add(DpkgCataloger.statusPath, Array(Self.twoPackages.utf8), layerIndex: 2)
        // libc6 is multi-arch: its list file is named with the architecture.
        tree.add(
            "/var/lib/dpkg/info/libc6:amd64.list",
            Array("/.\n/usr\n/usr/lib\n/usr/lib/x86_64-linux-gnu/libc.so.6\n/etc/ld.so.conf.d/x.conf\n".utf8),
            layerIndex: 0
        )
        tree.add("/var/lib/dpkg/info/base-files.list", Array("/etc/debian_version\n".utf8), layerIndex: 1)
        tree.add("/usr/lib/x86_64-linux-gnu/libc.so.6", [1, 2, 3], layerIndex: 0)
        tree.add(
            "/usr/share/doc/libc6/copyright",
            Array(
                "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: LGPL-2.1+\n\nFiles: x\nLicense: GPL-2+ or LGPL-2.1+\n\nLicense: LGPL-2.1+\n This text.\n"
                    .utf8
            )
        )
        tree.add(
            "/usr/share/doc/base-files/copyright",
            Array("This is Debian.\nSee /usr/share/common-licenses/GPL-2.\nLicense: This software is free.\n".utf8)
        )
        let result = Self.cataloger.catalog(tree, context: CatalogContext(operatingSystem: Self.debian12))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.packages.map(\.name) == ["libc6", "base-files"])
        let libc = result.packages[0]
        #expect(libc.files == ["/usr/lib/x86_64-linux-gnu/libc.so.6", "/etc/ld.so.conf.d/x.conf"])
        #expect(libc.layerIndex == 0)
        #expect(libc.licenses == ["LGPL-2.1+", "GPL-2+ or LGPL-2.1+"])
        #expect(libc.locations == [DpkgCataloger.statusPath, "/var/lib/dpkg/info/libc6:amd64.list"])
        #expect(
            libc.purl == "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc"
        )
        let base = result.packages[1]
        #expect(base.layerIndex == 1)
        #expect(base.licenses == ["GPL-2"])
        #expect(base.sourceName == "base-files" && base.sourceVersion == nil)
        #expect(base.purl == "pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12")
    }

    @Test func packageWithoutListFileTakesTheDatabaseLayer() throws {
        var tree = InMemoryFileTree()
        tree.add(DpkgCataloger.statusPath, Array(Self.twoPackages.utf8), layerIndex: 3)
        let result = Self.cataloger.catalog(tree, context: CatalogContext())
        #expect(result.packages.map(\.layerIndex) == [3, 3])
        #expect(result.packages.allSatisfy { $0.files.isEmpty })
    }

    @Test func ubuntuNamespaceComesFromTheOperatingSystem() {
        var tree = InMemoryFileTree()
        tree.add(DpkgCataloger.statusPath, Array(Self.twoPackages.utf8))
        let os = OperatingSystem(id: "ubuntu", versionID: "22.04", codename: "jammy")
        let result = Self.cataloger.catalog(tree, context: CatalogContext(operatingSystem: os))
        #expect(result.packages.first?.purl.hasPrefix("pkg:deb/ubuntu/libc6@") == true)
        #expect(result.packages.first?.purl.contains("distro=ubuntu-22.04") == true)
    }

    @Test func noDatabaseMeansNoPackagesAndNoDiagnostics() {
        var tree = InMemoryFileTree()
        tree.add("/etc/os-release", Array("ID=debian\n".utf8))
        let result = Self.cataloger.catalog(tree, context: CatalogContext())
        #expect(result.packages.isEmpty && result.diagnostics.isEmpty)
    }

    @Test func unreadableStatusIsADiagnosticNamingTheFile() {
        var tree = InMemoryFileTree()
        tree.add(FileEntry(path: DpkgCataloger.statusPath, kind: .characterDevice))
        let result = Self.cataloger.catalog(tree, context: CatalogContext())
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.map(\.path) == [DpkgCataloger.statusPath])
        #expect(result.diagnostics.first?.message.hasPrefix("cannot read dpkg status") == true)
        #expect(result.diagnostics.first?.catalogerID == "os/dpkg")
    }

    @Test func followsSymlinkedDocDirectoriesAndUsrMerge() {
        var tree = InMemoryFileTree()
        tree.add(
            DpkgCataloger.statusPath,
            Array(
                "Package: libc6-dev\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.36-9\nSource: glibc\n"
                    .utf8
            ),
            layerIndex: 4
        )
        tree.add(
            "/var/lib/dpkg/info/libc6-dev:amd64.list",
            Array("/usr/share/doc/libc6-dev\n/lib/x86_64-linux-gnu/crt1.o\n".utf8),
            layerIndex: 2
        )
        // usrmerge: /lib is a link to usr/lib, so the listed path exists only through it.
        tree.add(FileEntry(path: "/lib", kind: .symlink, linkTarget: "usr/lib"))
        tree.add("/usr/lib/x86_64-linux-gnu/crt1.o", [0], layerIndex: 2)
        tree.add("/usr/share/doc/libc6/copyright", Array("Format: x\n\nFiles: *\nLicense: LGPL-2.1+\n".utf8))
        tree.add(FileEntry(path: "/usr/share/doc/libc6-dev", kind: .symlink, linkTarget: "libc6"))
        let result = Self.cataloger.catalog(tree, context: CatalogContext())
        let pkg = result.packages.first
        #expect(pkg?.licenses == ["LGPL-2.1+"])
        // The doc symlink is not a directory, so it stays a listed file; the library is kept as listed.
        #expect(pkg?.files == ["/usr/share/doc/libc6-dev", "/lib/x86_64-linux-gnu/crt1.o"])
        #expect(pkg?.layerIndex == 2)
    }

    @Test func requiredPathsAreExact() {
        let c = Self.cataloger
        for path in [
            "/var/lib/dpkg/status", "/var/lib/dpkg/status.d/libc6", "/var/lib/dpkg/status.d/libc6.md5sums",
            "/var/lib/dpkg/info/libc6:amd64.list", "/var/lib/dpkg/info/bash.md5sums", "/usr/share/doc/bash/copyright",
        ] {
            #expect(c.isRequired(path), "\(path)")
        }
        for path in [
            "/var/lib/dpkg/status-old", "/var/lib/dpkg/info/bash.postinst", "/var/lib/dpkg/info/x/y.list",
            "/usr/share/doc/bash/changelog.gz", "/usr/share/doc/bash/x/copyright", "/var/lib/dpkg/status.d/a/b",
            "/etc/os-release",
        ] {
            #expect(!c.isRequired(path), "\(path)")
        }
    }
}
