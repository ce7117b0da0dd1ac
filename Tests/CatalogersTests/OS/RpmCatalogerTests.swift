import Catalogers
import Foundation
import SecurityModel
import TestSupport
import Testing

/// The rpm cataloger over real databases in all three formats (go-rpmdb, syft and osv-scalibr fixtures).
struct RpmCatalogerTests {
    static let cataloger = RpmCataloger()
    static var hasPython: Bool { (try? runProcessBlocking(["python3", "-c", "pass"]).status) == 0 }

    /// Independent reader: Python's sqlite3 module for the database, a few lines of struct for the header.
    /// Prints `name|epoch|version|release|arch|sourcerpm|license|file count|first file` per package.
    static let pythonSQLiteReader = #"""
        import os, shutil, sqlite3, struct, sys, tempfile
        def header(b):
            il, dl = struct.unpack(">II", b[:8])
            ds = 8 + il * 16
            tags = {}
            for k in range(il):
                tag, typ, off, cnt = struct.unpack(">IIII", b[8 + 16 * k:24 + 16 * k])
                tags[tag] = (typ, off, cnt)
            def strs(tag):
                if tag not in tags:
                    return []
                typ, off, cnt = tags[tag]
                out, at = [], ds + off
                for _ in range(cnt if typ == 8 else 1):
                    e = b.index(b"\0", at)
                    out.append(b[at:e].decode("utf-8", "replace"))
                    at = e + 1
                return out
            def ints(tag, size, fmt):
                if tag not in tags:
                    return []
                typ, off, cnt = tags[tag]
                return list(struct.unpack(">" + fmt * cnt, b[ds + off:ds + off + size * cnt]))
            one = lambda t: (strs(t) or [""])[0]
            epoch = ints(1003, 4, "i")
            modes = ints(1030, 2, "H")
            bases, dirs, idx = strs(1117), strs(1118), ints(1116, 4, "i")
            files = [dirs[idx[i]] + bases[i] for i in range(len(bases))
                     if not (i < len(modes) and modes[i] & 0o170000 == 0o040000)]
            return "|".join([one(1000), str(epoch[0]) if epoch else "", one(1001), one(1002), one(1022),
                             one(1044), one(1014), str(len(files)), files[0] if files else ""])
        tmp = tempfile.mkdtemp()
        try:
            db = os.path.join(tmp, "rpmdb.sqlite")
            shutil.copy(sys.argv[1], db)
            os.chmod(db, 0o600)
            con = sqlite3.connect(db)
            for (blob,) in con.execute("SELECT blob FROM Packages ORDER BY hnum"):
                print(header(bytes(blob)))
        finally:
            shutil.rmtree(tmp)
        """#

    static func row(_ p: Package) -> String {
        let epoch = p.version.split(separator: ":", maxSplits: 1)
        let hasEpoch = epoch.count == 2 && epoch[0].allSatisfy(\.isNumber)
        let vr = hasEpoch ? String(epoch[1]) : p.version
        let version = vr.split(separator: "-").dropLast().joined(separator: "-")
        let release = vr.split(separator: "-").last.map(String.init) ?? ""
        let upstream = p.purl.components(separatedBy: "upstream=").last.flatMap { $0.removingPercentEncoding } ?? ""
        return [
            p.name, hasEpoch ? String(epoch[0]) : "", version, release, p.architecture ?? "", upstream,
            p.licenses.first ?? "", String(p.files.count), p.files.first ?? "",
        ].joined(separator: "|")
    }

    static func tree(_ relative: String, at path: String, layer: Int? = nil) throws -> InMemoryFileTree {
        var tree = InMemoryFileTree()
        tree.add(path, try OSCorpus.bytes(relative), layerIndex: layer)
        return tree
    }

    // MARK: - SQLite

    @Test(.enabled(if: OSCorpus.enabled && hasPython))
    func marinerSQLiteMatchesAnIndependentRead() throws {
        let relative = "pkgdb/go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite"
        let os = OperatingSystem(id: "mariner", versionID: "2.0")
        let result = Self.cataloger.catalog(
            try Self.tree(relative, at: "/var/lib/rpm/rpmdb.sqlite"),
            context: CatalogContext(operatingSystem: os)
        )
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let out = try runProcessBlocking(["python3", "-c", Self.pythonSQLiteReader, try OSCorpus.path(relative)])
        try #require(out.status == 0, "\(out.stderr)")
        let expected = out.stdout.split(separator: "\n").map(String.init)
        #expect(expected.count == 129)
        #expect(result.packages.map(Self.row) == expected)
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func marinerPackagesHavePurlsEpochsAndFiles() throws {
        let os = OperatingSystem(id: "mariner", versionID: "2.0")
        let result = Self.cataloger.catalog(
            try Self.tree("pkgdb/go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite", at: "/usr/lib/sysimage/rpm/rpmdb.sqlite"),
            context: CatalogContext(operatingSystem: os)
        )
        #expect(result.packages.count == 129)
        #expect(result.packages.allSatisfy { $0.type == .rpm && $0.foundBy == "os/rpm" })
        let curl = try #require(result.packages.first { $0.name == "curl" })
        #expect(curl.version == "7.76.0-6.cm2")
        #expect(
            curl.files == [
                "/usr/bin/curl", "/usr/bin/curl-config", "/usr/share/licenses/curl/COPYING",
                "/usr/share/man/man1/curl-config.1.gz", "/usr/share/man/man1/curl.1.gz",
            ]
        )
        #expect(curl.sourceName == "curl" && curl.sourceVersion == nil)
        #expect(curl.licenses == ["MIT"])
        #expect(
            curl.purl
                == "pkg:rpm/mariner/curl@7.76.0-6.cm2?arch=x86_64&distro=mariner-2.0&upstream=curl-7.76.0-6.cm2.src.rpm"
        )
        #expect(curl.locations == ["/usr/lib/sysimage/rpm/rpmdb.sqlite"])
        let ca = try #require(result.packages.first { $0.name == "ca-certificates-base" })
        #expect(ca.version == "1:2.0.0-1.cm2")
        #expect(
            ca.purl
                == "pkg:rpm/mariner/ca-certificates-base@2.0.0-1.cm2?arch=noarch&distro=mariner-2.0&epoch=1&upstream=ca-certificates-2.0.0-1.cm2.src.rpm"
        )
        #expect(ca.sourceName == "ca-certificates")
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func sqliteWithoutPackagesTableIsADiagnostic() throws {
        let result = Self.cataloger.catalog(
            try Self.tree("pkgdb/claircore/rpm/no_packages.sqlite", at: "/var/lib/rpm/rpmdb.sqlite"),
            context: CatalogContext()
        )
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.map(\.path) == ["/var/lib/rpm/rpmdb.sqlite"])
        #expect(result.diagnostics.first?.message.contains("no Packages table") == true)
    }

    // MARK: - NDB and Berkeley DB

    /// Expected list of go-rpmdb's test case for this database (rpm -qa in the SLE 15 BCI image, in
    /// database order), as its `rpmdb_testcase_test.go` lists it.
    static let sle15 = [
        "system-user-root 20190513-3.3.1 noarch", "filesystem 15.0-11.3.2 x86_64", "glibc 2.31-9.3.2 x86_64",
        "libpcre1 8.45-20.10.1 x86_64", "libgmp10 6.1.2-4.6.1 x86_64", "libgcc_s1 11.2.1+git610-1.3.9 x86_64",
        "libcap2 2.26-4.6.1 x86_64", "libstdc++6 11.2.1+git610-1.3.9 x86_64", "libncurses6 6.1-5.9.1 x86_64",
        "terminfo-base 6.1-5.9.1 x86_64", "libattr1 2.4.47-2.19 x86_64", "libselinux1 3.0-1.31 x86_64",
        "libreadline7 7.0-19.6.1 x86_64", "bash 4.4-19.6.1 x86_64", "libacl1 2.2.52-4.3.1 x86_64",
        "coreutils 8.32-3.2.1 x86_64", "sles-release 15.3-55.4.1 x86_64",
        "ca-certificates-mozilla-prebuilt 2.44-21.1 noarch", "libgpg-error0 1.29-1.8 x86_64",
        "libpopt0 1.16-3.22 x86_64", "file-magic 5.32-7.14.1 noarch", "libbz2-1 1.0.6-5.11.1 x86_64",
        "liblua5_3-5 5.3.6-3.6.1 x86_64", "liblzma5 5.2.3-4.3.1 x86_64", "libz1 1.2.11-3.21.1 x86_64",
        "libzstd1 1.4.4-1.6.1 x86_64", "libmagic1 5.32-7.14.1 x86_64", "libdw1 0.168-4.5.3 x86_64",
        "libebl-plugins 0.168-4.5.3 x86_64", "libelf1 0.168-4.5.3 x86_64", "libcrypt1 4.4.15-2.51 x86_64",
        "perl-base 5.26.1-15.87 x86_64", "libgcrypt20 1.8.2-8.39.1 x86_64", "rpm-config-SUSE 1-5.6.1 noarch",
        "rpm-ndb 4.14.3-40.1 x86_64",
    ]

    @Test(.enabled(if: OSCorpus.enabled))
    func readsSUSENDB() throws {
        let os = OperatingSystem(id: "sles", versionID: "15.3")
        let result = Self.cataloger.catalog(
            try Self.tree("pkgdb/go-rpmdb/sle15-bci/Packages.db", at: "/usr/lib/sysimage/rpm/Packages.db"),
            context: CatalogContext(operatingSystem: os)
        )
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.packages.map { "\($0.name) \($0.version) \($0.architecture ?? "")" } == Self.sle15)
        let gcc = try #require(result.packages.first { $0.name == "libstdc++6" })
        #expect(gcc.sourceName == "gcc11" && gcc.sourceVersion == nil)
        #expect(gcc.licenses == ["GPL-3.0-or-later WITH GCC-exception-3.1"])
        #expect(
            gcc.purl
                == "pkg:rpm/sles/libstdc%2B%2B6@11.2.1%2Bgit610-1.3.9?arch=x86_64&distro=sles-15.3&upstream=gcc11-11.2.1%2Bgit610-1.3.9.src.rpm"
        )
        let bash = try #require(result.packages.first { $0.name == "libreadline7" })
        #expect(bash.sourceName == "bash" && bash.sourceVersion == "4.4-19.6.1")
        #expect(result.packages.contains { $0.files.contains("/usr/bin/bash") || $0.files.contains("/bin/bash") })
    }

    struct BerkeleyCase: Sendable, CustomStringConvertible {
        var file: String
        var expected: [String]
        var description: String { file }
    }

    /// Expected values as `rpm -qa --dbpath … --define '_db_backend bdb_ro'` (rpm 4.18) prints them.
    static let berkeleyCases = [
        BerkeleyCase(
            file: "pkgdb/go-rpmdb/libuuid/Packages",
            expected: ["libuuid 2.32.1-42.el8_8 x86_64 util-linux-2.32.1-42.el8_8.src.rpm BSD"]
        ),
        BerkeleyCase(file: "pkgdb/syft/redhat/Packages", expected: ["dive 0.9.2-1 x86_64 dive-0.9.2-1.src.rpm MIT"]),
        BerkeleyCase(
            file: "pkgdb/osv-scalibr/rpm/Packages_epoch",
            expected: ["hello 1:0.0.1-rls x86_64 hello-0.0.1-rls.src.rpm GPL"]
        ),
    ]

    @Test(.enabled(if: OSCorpus.enabled), arguments: berkeleyCases)
    func readsBerkeleyDBHash(_ row: BerkeleyCase) throws {
        let result = Self.cataloger.catalog(
            try Self.tree(row.file, at: "/var/lib/rpm/Packages", layer: 1),
            context: CatalogContext()
        )
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let rows = result.packages.map {
            "\($0.name) \($0.version) \($0.architecture ?? "") \($0.purl.components(separatedBy: "upstream=").last ?? "") \($0.licenses.joined())"
        }
        #expect(rows == row.expected)
        #expect(result.packages.allSatisfy { $0.layerIndex == 1 && !$0.files.isEmpty })
        // No OS: no namespace, no distro qualifier.
        #expect(result.packages.allSatisfy { $0.purl.hasPrefix("pkg:rpm/\($0.name)@") && !$0.purl.contains("distro") })
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func epochIsAQualifier() throws {
        let result = Self.cataloger.catalog(
            try Self.tree("pkgdb/osv-scalibr/rpm/Packages_epoch", at: "/var/lib/rpm/Packages"),
            context: CatalogContext(operatingSystem: OperatingSystem(id: "fedora", versionID: "38"))
        )
        #expect(
            result.packages.first?.purl
                == "pkg:rpm/fedora/hello@0.0.1-rls?arch=x86_64&distro=fedora-38&epoch=1&upstream=hello-0.0.1-rls.src.rpm"
        )
    }

    /// When `rpm` itself is installed, its own listing of the SQLite and Berkeley DB fixtures must agree.
    @Test(.enabled(if: OSCorpus.enabled && RpmTool.available))
    func agreesWithTheRpmTool() throws {
        for (file, name, backend) in [
            ("pkgdb/go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite", "rpmdb.sqlite", "sqlite"),
            ("pkgdb/go-rpmdb/libuuid/Packages", "Packages", "bdb_ro"),
            ("pkgdb/syft/redhat/Packages", "Packages", "bdb_ro"),
            ("pkgdb/osv-scalibr/rpm/Packages_epoch", "Packages", "bdb_ro"),
        ] {
            let expected = try RpmTool.list(try OSCorpus.path(file), name: name, backend: backend)
            let result = Self.cataloger.catalog(
                try Self.tree(file, at: "/var/lib/rpm/" + name),
                context: CatalogContext()
            )
            let rows = result.packages.map { "\($0.name) \($0.version) \($0.architecture ?? "")" }
            #expect(rows.sorted() == expected.sorted(), "\(file)")
            #expect(!rows.isEmpty)
        }
    }

    // MARK: - Errors and special cases

    @Test(.enabled(if: OSCorpus.enabled))
    func unreadableDatabasesAreDiagnosticsNamingTheFile() throws {
        // syft's glob-paths: empty and 5-byte files under every name, in every directory.
        var tree = try OSCorpus.tree("pkgdb/syft/redhat/glob-paths")
        tree.add("/var/lib/rpm/Packages", try OSCorpus.bytes("pkgdb/osv-scalibr/rpm/invalid"))
        let result = Self.cataloger.catalog(tree, context: CatalogContext())
        #expect(result.packages.isEmpty)
        let paths = Set(result.diagnostics.map(\.path))
        for directory in RpmCataloger.databaseDirectories {
            for name in RpmCataloger.databaseNames {
                #expect(paths.contains(directory + "/" + name), "\(directory)/\(name)")
            }
        }
        #expect(result.diagnostics.contains { $0.message.contains("rpm database format not supported") })
        #expect(result.diagnostics.contains { $0.message.contains("empty") })
    }

    @Test func berkeleyBtreeIsReportedAsUnsupported() {
        var bytes = [UInt8](repeating: 0, count: 4096)
        // Btree magic 0x053162 at offset 12, little-endian.
        bytes[12] = 0x62
        bytes[13] = 0x31
        bytes[14] = 0x05
        var tree = InMemoryFileTree()
        tree.add("/var/lib/rpm/Packages", bytes)
        let result = Self.cataloger.catalog(tree, context: CatalogContext())
        #expect(result.packages.isEmpty)
        #expect(result.diagnostics.first?.message.hasPrefix("rpm database format not supported") == true)
        #expect(result.diagnostics.first?.path == "/var/lib/rpm/Packages")
    }

    @Test func symlinkedDatabaseDirectoryIsReadOnce() throws {
        guard OSCorpus.enabled, Corpus.root != nil else { return }
        var tree = try Self.tree("pkgdb/syft/redhat/Packages", at: "/usr/lib/sysimage/rpm/Packages")
        tree.add(FileEntry(path: "/var/lib/rpm", kind: .symlink, linkTarget: "../../usr/lib/sysimage/rpm"))
        let result = Self.cataloger.catalog(tree, context: CatalogContext())
        #expect(result.packages.count == 1 && result.diagnostics.isEmpty)
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func readsTheMarinerContainerManifest() throws {
        let tree = try Self.tree("pkgdb/syft/redhat/container-manifest-2", at: RpmCataloger.containerManifestPath)
        let os = OperatingSystem(id: "mariner", versionID: "2.0", isDistroless: true)
        let result = Self.cataloger.catalog(tree, context: CatalogContext(operatingSystem: os))
        #expect(result.packages.map(\.name) == ["mariner-release", "filesystem", "glibc", "openssl-libs", "vim"])
        let vim = try #require(result.packages.last)
        #expect(vim.version == "2:9.0-1.cm2")
        #expect(
            vim.purl
                == "pkg:rpm/mariner/vim@9.0-1.cm2?arch=x86_64&distro=mariner-2.0&epoch=2&upstream=vim-9.0-1.cm2.src.rpm"
        )
        #expect(result.packages[3].sourceName == "openssl")
    }

    /// The database is rewritten by every install step; the package's own files tell its layer.
    @Test(.enabled(if: OSCorpus.enabled))
    func layerComesFromTheOwnedFiles() throws {
        var tree = try Self.tree("pkgdb/syft/redhat/Packages", at: "/var/lib/rpm/Packages", layer: 3)
        let files = Self.cataloger.catalog(tree, context: CatalogContext()).packages.first?.files ?? []
        #expect(files.contains("/usr/local/bin/dive"))
        for file in files { tree.add(file, [0], layerIndex: 1) }
        let result = Self.cataloger.catalog(tree, context: CatalogContext())
        #expect(result.packages.first?.layerIndex == 1)
    }

    /// Layouts the corpus lacks, built by ``BerkeleyDBBuilder``: values in the hash page itself, and
    /// big-endian databases, each holding claircore's raw header blob twice.
    @Test(.enabled(if: OSCorpus.enabled), arguments: [(false, false), (false, true), (true, false), (true, true)])
    func readsBuiltBerkeleyLayouts(inline: Bool, bigEndian: Bool) throws {
        let blob = try OSCorpus.bytes("pkgdb/claircore/rpm/package.header")
        var second = blob
        // Same header with another NAME (the first "crypto-policies\0" of the data store; 78 index entries).
        let name = Array("crypto-policies\u{0}".utf8)
        let dataStart = 8 + 78 * 16
        let nameAt = try #require(
            (dataStart..<(blob.count - name.count)).first { Array(blob[$0..<($0 + name.count)]) == name }
        )
        second[nameAt] = UInt8(ascii: "C")
        let bytes = BerkeleyDBBuilder.hash(
            values: [blob, second],
            pageSize: inline ? 65536 : 4096,
            bigEndian: bigEndian,
            inline: inline
        )
        var tree = InMemoryFileTree()
        tree.add("/var/lib/rpm/Packages", bytes)
        let result = Self.cataloger.catalog(tree, context: CatalogContext())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.packages.map(\.name).sorted() == ["Crypto-policies", "crypto-policies"])
        #expect(result.packages.allSatisfy { $0.version == "20210213-1.git5c710c0.fc34" && $0.files.count == 132 })
    }

    @Test(.enabled(if: OSCorpus.enabled))
    func nonEmptyWriteAheadLogIsReported() throws {
        var tree = try Self.tree("pkgdb/go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite", at: "/var/lib/rpm/rpmdb.sqlite")
        tree.add("/var/lib/rpm/rpmdb.sqlite-wal", [UInt8](repeating: 1, count: 32))
        let result = Self.cataloger.catalog(tree, context: CatalogContext())
        #expect(result.packages.count == 129)
        #expect(result.diagnostics.map(\.path) == ["/var/lib/rpm/rpmdb.sqlite-wal"])
    }

    @Test func requiredPathsAreExact() {
        let c = Self.cataloger
        for path in [
            "/var/lib/rpm/Packages", "/var/lib/rpm/rpmdb.sqlite", "/usr/lib/sysimage/rpm/Packages.db",
            "/usr/share/rpm/Packages", RpmCataloger.containerManifestPath,
        ] {
            #expect(c.isRequired(path), "\(path)")
        }
        for path in ["/var/lib/rpm/Name", "/var/lib/rpm/rpmdb.sqlite-wal", "/var/lib/rpm/x/Packages", "/Packages"] {
            #expect(!c.isRequired(path), "\(path)")
        }
    }
}

/// The `rpm` command, when installed (Debian's rpm 4.18 reads SQLite and, read-only, Berkeley DB).
enum RpmTool {
    static var available: Bool { (try? runProcessBlocking(["rpm", "--version"]).status) == 0 }

    /// `name [epoch:]version-release arch` of every package, from a private copy of the database.
    static func list(_ file: String, name: String, backend: String) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rpmtool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent(name)
        try FileManager.default.copyItem(atPath: file, toPath: target.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        let out = try runProcessBlocking([
            "rpm", "-qa", "--dbpath", directory.path, "--define", "_db_backend \(backend)", "--qf",
            "%{NAME} %|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE} %{ARCH}\\n",
        ])
        return out.stdout.split(separator: "\n").map(String.init)
    }
}
