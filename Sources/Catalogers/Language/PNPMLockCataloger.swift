public import SecurityModel

/// `pnpm-lock.yaml`, lockfile versions 5.x (`/name/1.0.0_peer` keys), 6.x (`/name@1.0.0(peer)`) and 9.x
/// (`name@1.0.0`, with a separate `snapshots` section that repeats the packages and is not read).
/// Entries with explicit `name`/`version` members (git, tarball and file dependencies) use those.
public struct PNPMLockCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/pnpm-lock`.
    public var id: String { "lang/pnpm-lock" }
    /// Output version.
    public var version: Int { 1 }

    /// Files named `pnpm-lock.yaml`.
    public func isRequired(_ path: String) -> Bool { TreePath.baseName(path) == "pnpm-lock.yaml" }

    /// One package per entry of every document's `packages` mapping.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired) { _, bytes, sink in
            let documents: [YAMLNode]
            do {
                documents = try YAMLSubsetParser.parseDocuments(String(decoding: bytes, as: UTF8.self))
            } catch {
                sink.diagnose("not a valid pnpm-lock.yaml: \(error)")
                return
            }
            var unreadable: [String] = []
            for document in documents {
                for (key, entry) in document["packages"]?.pairs ?? [] {
                    guard let (name, version) = Self.package(key: key, entry: entry) else {
                        unreadable.append(key)
                        continue
                    }
                    sink.add(
                        name: name,
                        version: version,
                        type: .npm,
                        purl: LanguageSupport.npmPURL(name: name, version: version)
                    )
                }
            }
            if !unreadable.isEmpty {
                sink.diagnose(
                    "\(unreadable.count) package key(s) without a name and version: "
                        + unreadable.prefix(10).joined(separator: ", ")
                )
            }
        }
    }

    /// Name and version of one `packages` entry.
    static func package(key: String, entry: YAMLNode) -> (String, String)? {
        let declaredName = entry["name"]?.scalarValue
        let declaredVersion = entry["version"]?.scalarValue
        let fromKey = parseKey(key)
        guard let name = declaredName ?? fromKey?.name, let version = declaredVersion ?? fromKey?.version,
            !name.isEmpty, !version.isEmpty
        else { return nil }
        return (name, version)
    }

    /// Name and version from a package key of any lockfile version. The version is nil when the key holds
    /// a URL or path instead (`name@https://…`), and the whole result is nil when no name can be found.
    static func parseKey(_ rawKey: String) -> (name: String, version: String?)? {
        var key = Substring(rawKey)
        // Peer suffixes of v6+: `(peer@1.0.0)`.
        if let paren = key.firstIndex(of: "("), !key[..<paren].contains(":") { key = key[..<paren] }
        if key.hasPrefix("/") {
            key = key.dropFirst()
        } else if !key.hasPrefix("@"), let slash = key.firstIndex(of: "/"), key[..<slash].contains("."),
            !key[..<slash].contains("@"), !key[..<slash].contains(":")
        {
            key = key[key.index(after: slash)...]  // `registry.npmjs.org/foo/1.0.0`
        }
        // The name ends at the first `/` (v5 `name/1.0.0_peer`) or `@` (v6/v9 `name@1.0.0`) after the scope.
        var searchStart = key.startIndex
        if key.hasPrefix("@") {
            guard let scopeSlash = key.firstIndex(of: "/") else { return nil }
            searchStart = key.index(after: scopeSlash)
        }
        guard let end = key[searchStart...].firstIndex(where: { $0 == "/" || $0 == "@" || $0 == ":" }),
            key[end] != ":"
        else { return nil }
        let name = key[..<end]
        guard !name.isEmpty else { return nil }
        var version = key[key.index(after: end)...]
        if key[end] == "/", let underscore = version.firstIndex(of: "_") { version = version[..<underscore] }
        guard !version.isEmpty, version.first?.isNumber == true, !version.contains("/"), !version.contains(":") else {
            return key[end] == "@" ? (String(name), nil) : nil
        }
        return (String(name), String(version))
    }
}
