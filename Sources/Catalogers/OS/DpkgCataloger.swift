public import SecurityModel

/// Debian and Ubuntu packages from dpkg's database.
///
/// Reads `/var/lib/dpkg/status` and the distroless `/var/lib/dpkg/status.d/<package>` files (the
/// `*.md5sums` files beside them are file lists, not stanzas). A package is reported when its `Status:`
/// state is `installed` (or it has no `Status:`, as in `status.d`). Files come from
/// `/var/lib/dpkg/info/<package>[:<arch>].list` (else the `md5sums` lists); directories are left out.
/// Licenses come from `/usr/share/doc/<package>/copyright` (DEP-5 `License:` fields, else references
/// to `/usr/share/common-licenses`).
///
/// The layer of a package is the layer of its `info/<package>.list` file (dpkg writes it when it
/// installs or upgrades that package), else of its `status.d` file, else of the database.
public struct DpkgCataloger: Cataloger {
    /// The main status database.
    public static let statusPath = "/var/lib/dpkg/status"
    /// The distroless per-package status directory.
    public static let statusDirectory = "/var/lib/dpkg/status.d"
    /// Where dpkg keeps per-package file lists.
    public static let infoDirectory = "/var/lib/dpkg/info"

    /// A cataloger with the default search paths.
    public init() {}

    /// `os/dpkg`.
    public var id: String { "os/dpkg" }
    /// Bumped whenever the output for the same tree changes.
    public var version: Int { 1 }

    /// True for exactly the files ``catalog(_:context:)`` reads.
    public func isRequired(_ path: String) -> Bool {
        if path == Self.statusPath { return true }
        if let rest = Self.child(of: Self.statusDirectory + "/", path) { return !rest.contains("/") }
        if let rest = Self.child(of: Self.infoDirectory + "/", path) {
            return !rest.contains("/") && (rest.hasSuffix(".list") || rest.hasSuffix(".md5sums"))
        }
        if let rest = Self.child(of: "/usr/share/doc/", path), let slash = rest.firstIndex(of: "/") {
            return rest[rest.index(after: slash)...] == "copyright"
        }
        return false
    }

    /// The installed packages of `tree`, with diagnostics naming each database that could not be read.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        var result = CatalogerResult()
        var seen = Set<String>()
        let namespace = context.operatingSystem?.id ?? "debian"
        let lookup = PresenceCheck(tree)
        var statusIsEmpty = false

        if let resolved = tree.resolve(Self.statusPath), tree.entry(at: resolved)?.kind != .directory {
            let layer = tree.entry(at: resolved)?.layerIndex
            if let parsed = read(Self.statusPath, tree, &result) {
                statusIsEmpty = parsed.entries.isEmpty
                for entry in parsed.entries {
                    let key = "\(entry.package)\u{0}\(entry.architecture ?? "")\u{0}\(entry.version)"
                    guard seen.insert(key).inserted else { continue }
                    result.packages.append(
                        package(
                            entry,
                            location: Self.statusPath,
                            statusFileLayer: nil,
                            databaseLayer: layer,
                            md5sumsBeside: nil,
                            lookup: lookup,
                            namespace: namespace,
                            os: context.operatingSystem
                        )
                    )
                }
            }
        }

        if let directory = tree.resolve(Self.statusDirectory), tree.entry(at: directory)?.kind == .directory {
            let prefix = directory + "/"
            var files = 0
            var found = 0
            for file in tree.entries where file.kind == .regular || file.kind == .hardlink || file.kind == .symlink {
                guard let name = Self.child(of: prefix, file.path), !name.contains("/"),
                    !name.hasSuffix(".md5sums"), !name.hasPrefix(".")
                else { continue }
                files += 1
                let location = Self.statusDirectory + "/" + name
                guard let parsed = read(location, tree, &result) else { continue }
                for entry in parsed.entries {
                    let key = "\(entry.package)\u{0}\(entry.architecture ?? "")\u{0}\(entry.version)"
                    guard seen.insert(key).inserted else { continue }
                    found += 1
                    result.packages.append(
                        package(
                            entry,
                            location: location,
                            statusFileLayer: file.layerIndex,
                            databaseLayer: file.layerIndex,
                            md5sumsBeside: location + ".md5sums",
                            lookup: lookup,
                            namespace: namespace,
                            os: context.operatingSystem
                        )
                    )
                }
            }
            if files > 0 && found == 0 {
                diagnose(&result, Self.statusDirectory, "no installed packages in \(files) status.d file(s)")
            }
        }
        // An empty main database next to a populated status.d is normal; alone it must be said.
        if statusIsEmpty && result.packages.isEmpty {
            diagnose(&result, Self.statusPath, "no installed packages in the dpkg status database")
        }
        return result
    }

    // MARK: - Reading

    private func read(_ path: String, _ tree: any FileTree, _ result: inout CatalogerResult) -> DpkgStatusParseResult? {
        let bytes: [UInt8]
        do {
            bytes = try tree.contents(of: path, limit: 1 << 30)
        } catch {
            diagnose(&result, path, "cannot read dpkg status: \(error.message)")
            return nil
        }
        let parsed = DpkgStatusParser.parse(bytes)
        if parsed.malformedCount > 0 {
            let lines = parsed.malformedLines.map(String.init).joined(separator: ", ")
            diagnose(&result, path, "\(parsed.malformedCount) malformed line(s) skipped (lines \(lines))")
        }
        if parsed.incomplete > 0 {
            diagnose(&result, path, "\(parsed.incomplete) stanza(s) without Package or Version skipped")
        }
        return parsed
    }

    private func diagnose(_ result: inout CatalogerResult, _ path: String, _ message: String) {
        result.diagnostics.append(CatalogDiagnostic(catalogerID: id, path: path, message: message))
    }

    // MARK: - Packages

    private func package(
        _ entry: DpkgEntry,
        location: String,
        statusFileLayer: Int?,
        databaseLayer: Int?,
        md5sumsBeside: String?,
        lookup: PresenceCheck,
        namespace: String,
        os: OperatingSystem?
    ) -> Package {
        let tree = lookup.tree
        var locations = [location]
        var files: [String] = []
        var listLayer: Int?
        if let (listPath, bytes, layer) = lookup.firstReadable(listNames(entry, suffix: ".list")) {
            locations.append(listPath)
            listLayer = layer
            files = Self.pathsFromList(bytes)
        } else {
            var candidates = listNames(entry, suffix: ".md5sums")
            if let md5sumsBeside { candidates.insert(md5sumsBeside, at: 0) }
            if let (path, bytes, _) = lookup.firstReadable(candidates) {
                locations.append(path)
                files = Self.pathsFromMD5Sums(bytes)
            }
        }
        files = files.filter { path in
            var entry = tree.entry(at: path)
            if entry == nil, let resolved = tree.resolve(path) { entry = tree.entry(at: resolved) }
            return entry?.kind != .directory
        }
        let layer =
            listLayer ?? statusFileLayer
            ?? OwnedFileLayers.layer(of: files, in: tree, databaseLayer: databaseLayer)

        var licenses: [String] = []
        if let (_, bytes, _) = lookup.firstReadable(["/usr/share/doc/\(entry.package)/copyright"], limit: 8 << 20) {
            licenses = DebianCopyright.licenses(bytes)
        }

        var extra: [String: String] = [:]
        if let source = entry.source {
            if let sourceVersion = entry.sourceVersion, sourceVersion != entry.version {
                extra["upstream"] = "\(source)@\(sourceVersion)"
            } else if source != entry.package {
                extra["upstream"] = source
            }
        }
        let purl = OSPackageURL.make(
            type: .deb,
            namespace: namespace,
            name: entry.package,
            version: entry.version,
            arch: entry.architecture,
            os: os,
            extra: extra
        )
        return Package(
            name: entry.package,
            version: entry.version,
            type: .deb,
            purl: purl,
            sourceName: entry.source ?? entry.package,
            sourceVersion: entry.sourceVersion == entry.version ? nil : entry.sourceVersion,
            licenses: licenses,
            architecture: entry.architecture,
            layerIndex: layer,
            locations: locations,
            files: files,
            foundBy: id
        )
    }

    private func listNames(_ entry: DpkgEntry, suffix: String) -> [String] {
        var names = ["\(Self.infoDirectory)/\(entry.package)\(suffix)"]
        if let arch = entry.architecture {
            names.append("\(Self.infoDirectory)/\(entry.package):\(arch)\(suffix)")
        }
        return names
    }

    /// Reads optional per-package files (`info/*.list`, `copyright`) without resolving the path of every
    /// absent one: in a directory known to be real, a missing entry means a missing file.
    struct PresenceCheck {
        let tree: any FileTree
        private let realDirectories: Set<String>

        init(_ tree: any FileTree) {
            self.tree = tree
            var real = Set<String>()
            for directory in [
                "/var", "/var/lib", "/var/lib/dpkg", DpkgCataloger.infoDirectory,
                DpkgCataloger.statusDirectory, "/usr", "/usr/share", "/usr/share/doc",
            ]
            where tree.entry(at: directory)?.kind == .directory {
                real.insert(directory)
            }
            realDirectories = real
        }

        /// True when no ancestor of `path` is a symlink (each is a directory or missing), so that a
        /// missing entry at `path` means a missing file.
        private func parentIsReal(_ path: String) -> Bool {
            var directory = TreePath.directory(path)
            while directory != "/" {
                if realDirectories.contains(directory) { return true }
                if let kind = tree.entry(at: directory)?.kind, kind != .directory { return false }
                directory = TreePath.directory(directory)
            }
            return true
        }

        /// The first of `paths` that can be read, with its bytes and layer.
        func firstReadable(_ paths: [String], limit: Int = 256 << 20) -> (String, [UInt8], Int?)? {
            for path in paths {
                let entry = tree.entry(at: path)
                if entry == nil && parentIsReal(path) { continue }
                guard let bytes = try? tree.contents(of: path, limit: limit) else { continue }
                let layer =
                    entry?.kind == .regular
                    ? entry?.layerIndex
                    : tree.resolve(path).flatMap {
                        tree.entry(at: $0)?.layerIndex
                    }
                return (path, bytes, layer)
            }
            return nil
        }
    }

    /// Absolute paths from a `.list` file (one per line; `/.` is skipped).
    static func pathsFromList(_ bytes: [UInt8]) -> [String] {
        var paths: [String] = []
        bytes.withUnsafeBufferPointer { buf in
            var i = 0
            while i < buf.count {
                var end = i
                while end < buf.count && buf[end] != 0x0A { end += 1 }
                var stop = end
                while stop > i && OSBinary.isBlank(buf[stop - 1]) { stop -= 1 }
                if stop > i, buf[i] == UInt8(ascii: "/"), !(stop - i == 2 && buf[i + 1] == UInt8(ascii: ".")) {
                    paths.append(OSBinary.string(buf, i, stop))
                }
                i = end + 1
            }
        }
        return paths
    }

    /// Absolute paths from an `md5sums` file (`<md5>  <relative path>` per line).
    static func pathsFromMD5Sums(_ bytes: [UInt8]) -> [String] {
        var paths: [String] = []
        bytes.withUnsafeBufferPointer { buf in
            var i = 0
            while i < buf.count {
                var end = i
                while end < buf.count && buf[end] != 0x0A { end += 1 }
                var stop = end
                while stop > i && OSBinary.isBlank(buf[stop - 1]) { stop -= 1 }
                var j = i
                while j < stop && buf[j] != 0x20 { j += 1 }
                while j < stop && buf[j] == 0x20 { j += 1 }
                if j < stop {
                    let relative = OSBinary.string(buf, j, stop)
                    paths.append(relative.hasPrefix("/") ? relative : "/" + relative)
                }
                i = end + 1
            }
        }
        return paths
    }

    private static func child(of prefix: String, _ path: String) -> Substring? {
        guard path.hasPrefix(prefix), path.count > prefix.count else { return nil }
        return path.dropFirst(prefix.count)
    }
}
