public import SecurityModel

/// `package-lock.json` and `npm-shrinkwrap.json`: the nested `dependencies` tree of lockfile v1 and the
/// flat `packages` map (`node_modules/…` keys) of v2/v3. Links (workspace packages) and the root project are
/// not packages; aliases (`npm:real@1.0`, or a `name` member) report the real package.
public struct NPMLockCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/npm-lock`.
    public var id: String { "lang/npm-lock" }
    /// Output version.
    public var version: Int { 1 }

    /// Files named `package-lock.json` or `npm-shrinkwrap.json`.
    public func isRequired(_ path: String) -> Bool {
        let base = TreePath.baseName(path)
        return base == "package-lock.json" || base == "npm-shrinkwrap.json"
    }

    /// One package per locked name and version.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired) { _, bytes, sink in
            let document: JSONValue
            do {
                document = try JSONParser.parse(bytes: bytes)
            } catch {
                sink.diagnose("not a valid npm lock file: \(error)")
                return
            }
            guard case .object = document else {
                sink.diagnose("not a valid npm lock file: top level is not an object")
                return
            }
            if case .object(let packages)? = document["packages"] {
                for (key, entry) in packages {
                    guard let installedName = LanguageSupport.textAfterLast("node_modules/", in: key) else { continue }
                    if case .bool(true)? = entry["link"] { continue }
                    let name = entry["name"]?.stringValue ?? String(installedName)
                    guard let version = entry["version"]?.stringValue, !version.isEmpty, !name.isEmpty else {
                        continue
                    }
                    add(name: name, version: version, entry: entry, to: &sink)
                }
                return
            }
            if case .object(let dependencies)? = document["dependencies"] {
                walkV1(dependencies, depth: 0, sink: &sink)
            }
        }
    }

    private func walkV1(_ dependencies: [(String, JSONValue)], depth: Int, sink: inout ManifestSink) {
        guard depth < 256 else {
            sink.diagnose("dependencies nested deeper than 256 levels")
            return
        }
        for (key, entry) in dependencies {
            let name = LanguageSupport.textAfterLast("node_modules/", in: key).map(String.init) ?? key
            if let version = entry["version"]?.stringValue, !version.isEmpty {
                add(name: name, version: version, entry: entry, to: &sink)
            }
            if case .object(let nested)? = entry["dependencies"] { walkV1(nested, depth: depth + 1, sink: &sink) }
        }
    }

    private func add(name: String, version: String, entry: JSONValue, to sink: inout ManifestSink) {
        var name = name
        var version = version
        // `"version": "npm:real-name@1.2.3"` (v1 alias).
        if version.hasPrefix("npm:") {
            let spec = version.dropFirst(4)
            if let at = spec.dropFirst().lastIndex(of: "@") {
                name = String(spec[..<at])
                version = String(spec[spec.index(after: at)...])
            }
        }
        sink.add(
            name: name,
            version: version,
            type: .npm,
            purl: LanguageSupport.npmPURL(name: name, version: version),
            licenses: LanguageSupport.licenses(from: entry["license"])
        )
    }
}
