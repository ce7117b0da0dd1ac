public import SecurityModel

/// Alpine, Wolfi and Chainguard packages from apk's installed database (`/lib/apk/db/installed`, or
/// `/usr/lib/apk/db/installed` on usr-merged trees).
///
/// The origin (`o:`) is the source package; `L:` the declared license; files are the `R:` entries
/// under their `F:` directory. The database is one file, so a package's layer is estimated from the
/// layers of the files it owns (see ``OwnedFileLayers``), never later than the database's layer.
public struct ApkCataloger: Cataloger {
    /// Where apk keeps its database, in the order they are tried.
    public static let databasePaths = ["/lib/apk/db/installed", "/usr/lib/apk/db/installed"]

    /// A cataloger with the default search paths.
    public init() {}

    /// `os/apk`.
    public var id: String { "os/apk" }
    /// Bumped whenever the output for the same tree changes.
    public var version: Int { 1 }

    /// True for exactly the files ``catalog(_:context:)`` reads.
    public func isRequired(_ path: String) -> Bool { Self.databasePaths.contains(path) }

    /// The installed packages of `tree`, with diagnostics naming each database that could not be read.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        var result = CatalogerResult()
        var readPaths = Set<String>()
        let namespace = context.operatingSystem?.id ?? "alpine"
        for path in Self.databasePaths {
            guard let resolved = tree.resolve(path), let entry = tree.entry(at: resolved), entry.kind != .directory,
                readPaths.insert(resolved).inserted
            else { continue }
            let bytes: [UInt8]
            do {
                bytes = try tree.contents(of: path, limit: 1 << 30)
            } catch {
                diagnose(&result, path, "cannot read apk database: \(error.message)")
                continue
            }
            let parsed = ApkDatabaseParser.parse(bytes)
            if parsed.malformedCount > 0 {
                let lines = parsed.malformedLines.map(String.init).joined(separator: ", ")
                diagnose(&result, path, "\(parsed.malformedCount) malformed line(s) skipped (lines \(lines))")
            }
            if parsed.incomplete > 0 {
                diagnose(&result, path, "\(parsed.incomplete) entr(y/ies) without P: or V: skipped")
            }
            if parsed.entries.isEmpty {
                diagnose(&result, path, "no packages in the apk database")
            }
            for apk in parsed.entries {
                var extra: [String: String] = [:]
                if let origin = apk.origin, origin != apk.name { extra["upstream"] = origin }
                let purl = OSPackageURL.make(
                    type: .apk,
                    namespace: namespace,
                    name: apk.name,
                    version: apk.version,
                    arch: apk.architecture,
                    os: context.operatingSystem,
                    extra: extra
                )
                result.packages.append(
                    Package(
                        name: apk.name,
                        version: apk.version,
                        type: .apk,
                        purl: purl,
                        sourceName: apk.origin ?? apk.name,
                        licenses: apk.license.map { [$0] } ?? [],
                        architecture: apk.architecture,
                        layerIndex: OwnedFileLayers.layer(of: apk.files, in: tree, databaseLayer: entry.layerIndex),
                        locations: [path],
                        files: apk.files,
                        foundBy: id
                    )
                )
            }
        }
        return result
    }

    private func diagnose(_ result: inout CatalogerResult, _ path: String, _ message: String) {
        result.diagnostics.append(CatalogDiagnostic(catalogerID: id, path: path, message: message))
    }
}
