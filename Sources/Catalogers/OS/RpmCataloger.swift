public import SecurityModel

/// Red Hat, CentOS, Rocky, Alma, Fedora, Amazon Linux, Oracle, SUSE and CBL-Mariner packages from
/// rpm's database.
///
/// All three on-disk formats are read, chosen by content, not by name: SQLite `rpmdb.sqlite`
/// (rpm ≥ 4.16), Berkeley DB hash `Packages` (older rpm) and NDB `Packages.db` (SUSE). They are looked
/// for in `/usr/lib/sysimage/rpm`, `/var/lib/rpm` and `/usr/share/rpm` (a symlinked directory is read
/// once). Anything else found under those names gives the diagnostic "rpm database format not
/// supported", never a silent empty list. CBL-Mariner distroless images have no database but a
/// `/var/lib/rpmmanifest/container-manifest-2`, read when no database gave packages.
///
/// The version is `[epoch:]version-release`; the purl carries `version-release` with `epoch` and
/// `upstream` (the source RPM file) qualifiers, as syft writes them. A package's layer is estimated
/// from the layers of the files it owns (see ``OwnedFileLayers``).
public struct RpmCataloger: Cataloger {
    /// Directories holding an rpm database, in the order they are tried.
    public static let databaseDirectories = ["/usr/lib/sysimage/rpm", "/var/lib/rpm", "/usr/share/rpm"]
    /// Database file names, most recent format first.
    public static let databaseNames = ["rpmdb.sqlite", "Packages.db", "Packages"]
    /// CBL-Mariner's distroless package manifest.
    public static let containerManifestPath = "/var/lib/rpmmanifest/container-manifest-2"

    /// A cataloger with the default search paths.
    public init() {}

    /// `os/rpm`.
    public var id: String { "os/rpm" }
    /// Bumped whenever the output for the same tree changes.
    public var version: Int { 1 }

    /// True for exactly the files ``catalog(_:context:)`` reads.
    public func isRequired(_ path: String) -> Bool {
        if path == Self.containerManifestPath { return true }
        let directory = TreePath.directory(path)
        return Self.databaseDirectories.contains(directory) && Self.databaseNames.contains(TreePath.baseName(path))
    }

    /// The installed packages of `tree`, with diagnostics naming each database that could not be read.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        var result = CatalogerResult()
        var readFiles = Set<String>()
        var doneDirectories = Set<String>()
        var seen = Set<String>()
        for directory in Self.databaseDirectories {
            for name in Self.databaseNames {
                let path = directory + "/" + name
                guard let resolved = tree.resolve(path), let entry = tree.entry(at: resolved),
                    entry.kind == .regular || entry.kind == .hardlink, readFiles.insert(resolved).inserted,
                    !doneDirectories.contains(TreePath.directory(resolved))
                else { continue }
                let headers = readDatabase(path, tree, &result)
                if name == "rpmdb.sqlite", let wal = tree.entry(at: resolved + "-wal"), wal.size > 0 {
                    // rpm checkpoints on close, so a non-empty log means an interrupted transaction.
                    diagnose(
                        &result,
                        path + "-wal",
                        "the SQLite write-ahead log (\(wal.size) bytes) is not read; changes it holds are missing"
                    )
                }
                if headers.isEmpty { continue }
                doneDirectories.insert(TreePath.directory(resolved))
                for header in headers {
                    let pkg = package(header, location: path, databaseLayer: entry.layerIndex, tree: tree, context)
                    guard seen.insert(pkg.purl).inserted else { continue }
                    result.packages.append(pkg)
                }
            }
        }
        if result.packages.isEmpty, let bytes = try? tree.contents(of: Self.containerManifestPath, limit: 64 << 20) {
            let layer = tree.resolve(Self.containerManifestPath).flatMap { tree.entry(at: $0)?.layerIndex }
            let headers = Self.parseContainerManifest(bytes)
            if headers.isEmpty {
                diagnose(&result, Self.containerManifestPath, "no packages in the container manifest")
            }
            for header in headers {
                let pkg = package(
                    header,
                    location: Self.containerManifestPath,
                    databaseLayer: layer,
                    tree: tree,
                    context
                )
                guard seen.insert(pkg.purl).inserted else { continue }
                result.packages.append(pkg)
            }
        }
        return result
    }

    /// The packages of one database file; problems become diagnostics naming `path`.
    private func readDatabase(_ path: String, _ tree: any FileTree, _ result: inout CatalogerResult)
        -> [RpmPackageHeader]
    {
        let bytes: [UInt8]
        do {
            bytes = try tree.contents(of: path, limit: Int(Int32.max))
        } catch {
            diagnose(&result, path, "cannot read rpm database: \(error.message)")
            return []
        }
        if bytes.isEmpty {
            diagnose(&result, path, "rpm database file is empty")
            return []
        }
        let blobs: RpmDatabaseBlobs
        let format: String
        do throws(RpmDatabaseError) {
            if OSBinary.hasPrefix(bytes, RpmSQLiteReader.magic) {
                format = "SQLite"
                blobs = try RpmSQLiteReader.blobs(bytes)
            } else if OSBinary.hasPrefix(bytes, RpmNDBReader.headerMagic) {
                format = "NDB"
                blobs = try RpmNDBReader.blobs(bytes)
            } else if BerkeleyDBHashReader.looksLikeBerkeleyDB(bytes) {
                format = "Berkeley DB"
                blobs = try BerkeleyDBHashReader.values(bytes)
            } else {
                diagnose(
                    &result,
                    path,
                    "rpm database format not supported: not an SQLite, NDB or Berkeley DB hash database"
                )
                return []
            }
        } catch {
            let prefix = error.unsupported ? "rpm database format not supported" : "corrupt rpm database"
            diagnose(&result, path, "\(prefix): \(error.message)")
            return []
        }
        var headers: [RpmPackageHeader] = []
        headers.reserveCapacity(blobs.blobs.count)
        var bad = 0
        var firstError: String?
        for blob in blobs.blobs {
            do {
                headers.append(try RpmHeaderParser.parse(blob))
            } catch {
                bad += 1
                if firstError == nil { firstError = error.message }
            }
        }
        if blobs.damaged > 0 {
            diagnose(&result, path, "\(blobs.damaged) damaged record(s) in the \(format) rpm database skipped")
        }
        if bad > 0 {
            diagnose(&result, path, "\(bad) unreadable package header(s) skipped (\(firstError ?? ""))")
        }
        if headers.isEmpty && bad == 0 && blobs.damaged == 0 {
            diagnose(&result, path, "no packages in the \(format) rpm database")
        }
        return headers
    }

    private func package(
        _ header: RpmPackageHeader,
        location: String,
        databaseLayer: Int?,
        tree: any FileTree,
        _ context: CatalogContext
    ) -> Package {
        let versionRelease = header.release.map { "\(header.version)-\($0)" } ?? header.version
        let version = header.epoch.map { "\($0):\(versionRelease)" } ?? versionRelease
        var extra: [String: String] = [:]
        if let epoch = header.epoch { extra["epoch"] = String(epoch) }
        if let sourceRPM = header.sourceRPM { extra["upstream"] = sourceRPM }
        let purl = OSPackageURL.make(
            type: .rpm,
            namespace: context.operatingSystem?.id,
            name: header.name,
            version: versionRelease,
            arch: header.architecture,
            os: context.operatingSystem,
            extra: extra
        )
        let source = header.sourceRPM.flatMap(Self.splitSourceRPM)
        return Package(
            name: header.name,
            version: version,
            type: .rpm,
            purl: purl,
            sourceName: source?.name ?? header.name,
            sourceVersion: source.flatMap { $0.version == versionRelease ? nil : $0.version },
            licenses: header.license.map { [$0] } ?? [],
            architecture: header.architecture,
            layerIndex: OwnedFileLayers.layer(of: header.files, in: tree, databaseLayer: databaseLayer),
            locations: [location],
            files: header.files,
            foundBy: id
        )
    }

    /// `gcc12-12.2.1+git416-150000.1.5.1.src.rpm` → (`gcc12`, `12.2.1+git416-150000.1.5.1`).
    static func splitSourceRPM(_ file: String) -> (name: String, version: String)? {
        var base = Substring(file)
        for suffix in [".src.rpm", ".nosrc.rpm"] where base.hasSuffix(suffix) {
            base = base.dropLast(suffix.count)
            break
        }
        guard let releaseDash = base.lastIndex(of: "-") else { return nil }
        let nameVersion = base[..<releaseDash]
        guard let versionDash = nameVersion.lastIndex(of: "-"), versionDash != nameVersion.startIndex else {
            return nil
        }
        return (String(base[..<versionDash]), String(base[base.index(after: versionDash)...]))
    }

    /// Tab-separated lines: name, version-release, install time, build time, vendor, epoch, size, arch,
    /// epoch number, source RPM.
    static func parseContainerManifest(_ bytes: [UInt8]) -> [RpmPackageHeader] {
        let text = String(decoding: bytes, as: UTF8.self)
        var headers: [RpmPackageHeader] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 10, !fields[0].isEmpty, !fields[1].isEmpty else { continue }
            var version = fields[1]
            var release: String?
            if let dash = fields[1].lastIndex(of: "-") {
                version = String(fields[1][..<dash])
                release = String(fields[1][fields[1].index(after: dash)...])
            }
            headers.append(
                RpmPackageHeader(
                    name: fields[0],
                    version: version,
                    release: release,
                    epoch: Int(fields[5]),
                    architecture: fields[7].isEmpty ? nil : fields[7],
                    sourceRPM: fields[9].isEmpty ? nil : fields[9],
                    license: nil,
                    vendor: fields[4].isEmpty ? nil : fields[4],
                    files: []
                )
            )
        }
        return headers
    }

    private func diagnose(_ result: inout CatalogerResult, _ path: String, _ message: String) {
        result.diagnostics.append(CatalogDiagnostic(catalogerID: id, path: path, message: message))
    }
}
