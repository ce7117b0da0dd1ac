import OCIImage
public import SecurityModel

/// Java archives (`.jar`, `.war`, `.ear`, `.par`, `.sar`, `.nar`, `.jpi`, `.hpi`, `.kar`, `.lpkg`), read
/// as ZIP files in memory, and the archives nested in them (Spring Boot `BOOT-INF/lib`, `WEB-INF/lib`, ear
/// modules) down to ``maximumDepth`` levels.
///
/// The archive's own package comes from the `pom.properties` whose artifact matches the file name (or the
/// only one), else from `MANIFEST.MF` (`Implementation-*`, `Bundle-*`, Jenkins `Short-Name`/`Plugin-Version`)
/// and the file name (`name-1.2.3.jar`). Other `pom.properties` (shaded dependencies) are packages of their
/// own. Nested packages are located at `outer.jar:inner.jar`. Corrupt archives, encrypted entries and
/// compression bombs (see the limits) become diagnostics.
public struct JavaArchiveCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/java-archive`.
    public var id: String { "lang/java-archive" }
    /// Output version.
    public var version: Int { 1 }

    /// Nesting of archives in archives followed (the outer archive is depth 0).
    public static let maximumDepth = 3
    /// Largest archive (outer or nested) read.
    public static let archiveLimit = 512 << 20
    /// Largest manifest or pom.properties read.
    static let metadataLimit = 1 << 20
    /// Total bytes inflated for one outer archive and everything in it.
    public static let inflateBudget = 1 << 30

    static let extensions: Set<String> = ["jar", "war", "ear", "par", "sar", "nar", "jpi", "hpi", "kar", "lpkg"]

    /// Files whose extension (any case) is a Java archive extension.
    public func isRequired(_ path: String) -> Bool { Self.isArchiveName(path) }

    static func isArchiveName(_ path: Substring) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[path.index(after: dot)...].contains("/") else { return false }
        return extensions.contains(path[path.index(after: dot)...].lowercased())
    }

    static func isArchiveName(_ path: String) -> Bool { isArchiveName(path[...]) }

    /// Packages of every archive.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired, limit: Self.archiveLimit) { path, bytes, sink in
            var budget = Self.inflateBudget
            inspect(bytes, virtualPath: path, depth: 0, budget: &budget, sink: &sink)
        }
    }

    private func inspect(_ bytes: [UInt8], virtualPath: String, depth: Int, budget: inout Int, sink: inout ManifestSink)
    {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes)
        } catch {
            sink.diagnose("\(virtualPath): not a readable Java archive: \(error)")
            return
        }
        var manifest: JavaManifest? = nil
        var poms: [PomProperties] = []
        var nested: [ZipArchive.Entry] = []
        var problems: [String] = []
        for entry in archive.entries where !entry.isDirectory {
            let upper = entry.name.uppercased()
            if upper == "META-INF/MANIFEST.MF"
                || (upper.hasPrefix("META-INF/MAVEN/") && upper.hasSuffix("/POM.PROPERTIES"))
            {
                guard
                    let data = read(
                        entry,
                        from: archive,
                        limit: Self.metadataLimit,
                        budget: &budget,
                        problems: &problems
                    )
                else { continue }
                let text = String(decoding: data, as: UTF8.self)
                if upper.hasSuffix("MANIFEST.MF") {
                    manifest = JavaManifest(text)
                } else if let pom = PomProperties(text) {
                    poms.append(pom)
                }
            } else if Self.isArchiveName(entry.name) {
                nested.append(entry)
            }
        }
        addPackages(manifest: manifest, poms: poms, virtualPath: virtualPath, sink: &sink)
        if !nested.isEmpty {
            if depth >= Self.maximumDepth {
                problems.append("\(nested.count) nested archive(s) deeper than \(Self.maximumDepth) levels not read")
            } else {
                for entry in nested {
                    guard
                        let data = read(
                            entry,
                            from: archive,
                            limit: Self.archiveLimit,
                            budget: &budget,
                            problems: &problems
                        )
                    else { continue }
                    inspect(
                        data,
                        virtualPath: virtualPath + ":" + entry.name,
                        depth: depth + 1,
                        budget: &budget,
                        sink: &sink
                    )
                }
            }
        }
        for problem in problems { sink.diagnose("\(virtualPath): \(problem)") }
    }

    private func read(
        _ entry: ZipArchive.Entry,
        from archive: ZipArchive,
        limit: Int,
        budget: inout Int,
        problems: inout [String]
    ) -> [UInt8]? {
        guard budget > 0 else {
            problems.append("\(entry.name): not read, the archive already inflated \(Self.inflateBudget) bytes")
            return nil
        }
        do {
            let data = try archive.contents(of: entry, limit: min(limit, budget))
            budget -= data.count
            return data
        } catch {
            problems.append("\(error)")
            return nil
        }
    }

    private func addPackages(
        manifest: JavaManifest?,
        poms: [PomProperties],
        virtualPath: String,
        sink: inout ManifestSink
    ) {
        let fileName = Self.splitFileName(TreePath.baseName(String(virtualPath.split(separator: ":").last ?? "")))
        let mainPom: PomProperties? =
            poms.count == 1 ? poms[0] : poms.first { $0.artifactId == fileName.name }
        let licenses =
            manifest?["Bundle-License"].flatMap { license -> [String] in
                license.contains("://") || license.count > 100 ? [] : [license]
            } ?? []
        if let pom = mainPom {
            add(
                group: pom.groupId,
                artifact: pom.artifactId,
                version: pom.version,
                licenses: licenses,
                at: virtualPath,
                sink: &sink
            )
        } else if let manifest {
            let artifact = manifest["Short-Name"] ?? fileName.name
            let version =
                manifest["Plugin-Version"] ?? manifest["Implementation-Version"] ?? manifest["Bundle-Version"]
                ?? manifest["Specification-Version"] ?? fileName.version
            if let version, !artifact.isEmpty {
                add(
                    group: Self.group(from: manifest, artifact: artifact),
                    artifact: artifact,
                    version: version,
                    licenses: licenses,
                    at: virtualPath,
                    sink: &sink
                )
            }
        } else if let version = fileName.version, !fileName.name.isEmpty {
            add(group: "", artifact: fileName.name, version: version, licenses: [], at: virtualPath, sink: &sink)
        }
        for pom in poms where pom != mainPom {
            add(
                group: pom.groupId,
                artifact: pom.artifactId,
                version: pom.version,
                licenses: [],
                at: virtualPath,
                sink: &sink
            )
        }
    }

    private func add(
        group: String,
        artifact: String,
        version: String,
        licenses: [String],
        at virtualPath: String,
        sink: inout ManifestSink
    ) {
        let namespace = group.isEmpty ? artifact : group
        sink.add(
            name: artifact,
            version: version,
            type: .javaArchive,
            purl: PackageURL.make(type: "maven", namespace: namespace, name: artifact, version: version),
            licenses: licenses,
            locations: [virtualPath]
        )
    }

    /// `commons-lang3-3.12.0.jar` → (`commons-lang3`, `3.12.0`); the version starts at the first `-digit`.
    static func splitFileName(_ fileName: String) -> (name: String, version: String?) {
        var stem = Substring(fileName)
        if let dot = stem.lastIndex(of: ".") { stem = stem[..<dot] }
        var index = stem.startIndex
        while index < stem.endIndex {
            if stem[index] == "-" {
                let next = stem.index(after: index)
                if next < stem.endIndex, stem[next].isNumber {
                    return (String(stem[..<index]), String(stem[next...]))
                }
            }
            index = stem.index(after: index)
        }
        return (String(stem), nil)
    }

    /// The group id a manifest implies: Jenkins `Group-Id`, `Implementation-Vendor-Id`, or the prefix of
    /// `Bundle-SymbolicName` / `Automatic-Module-Name` before the artifact (or before their last component).
    static func group(from manifest: JavaManifest, artifact: String) -> String {
        if let group = manifest["Group-Id"] ?? manifest["Implementation-Vendor-Id"] { return group }
        for header in ["Bundle-SymbolicName", "Automatic-Module-Name"] {
            guard let value = manifest[header] else { continue }
            var symbolic = value[...]
            if let semicolon = symbolic.firstIndex(of: ";") { symbolic = symbolic[..<semicolon] }
            symbolic = LanguageSupport.trim(symbolic)
            if symbolic.hasSuffix("." + artifact) { return String(symbolic.dropLast(artifact.count + 1)) }
            if let dot = symbolic.lastIndex(of: "."), symbolic[..<dot].contains(".") { return String(symbolic[..<dot]) }
        }
        return ""
    }
}
