public import SecurityModel

/// Installed Node packages: `package.json` directly inside a `node_modules` directory
/// (`node_modules/name/package.json`, `node_modules/@scope/name/package.json`, at any depth, global
/// installs such as `/usr/lib/node_modules` included). Project `package.json` files outside
/// `node_modules` describe code being built, not installed packages, and are not read (as syft does).
public struct NPMPackageJSONCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/npm-package-json`.
    public var id: String { "lang/npm-package-json" }
    /// Output version.
    public var version: Int { 1 }

    /// `…/node_modules/<name>/package.json` and `…/node_modules/@scope/<name>/package.json`.
    public func isRequired(_ path: String) -> Bool {
        guard path.hasSuffix("/package.json") else { return false }
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[parts.count - 1] == "package.json" else { return false }
        if parts[parts.count - 3] == "node_modules" { return !parts[parts.count - 2].hasPrefix("@") }
        return parts.count >= 4 && parts[parts.count - 4] == "node_modules" && parts[parts.count - 3].hasPrefix("@")
            && parts[parts.count - 3].count > 1
    }

    /// One package per manifest with a name and a version.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired, limit: 16 << 20) { _, bytes, sink in
            let document: JSONValue
            do {
                document = try JSONParser.parse(bytes: bytes)
            } catch {
                sink.diagnose("not a valid package.json: \(error)")
                return
            }
            guard let name = document["name"]?.stringValue, !name.isEmpty,
                let version = document["version"]?.stringValue, !version.isEmpty
            else {
                sink.diagnose("package.json in node_modules has no name or version")
                return
            }
            var licenses = LanguageSupport.licenses(from: document["license"])
            if licenses.isEmpty { licenses = LanguageSupport.licenses(from: document["licenses"]) }
            sink.add(
                name: name,
                version: version,
                type: .npm,
                purl: LanguageSupport.npmPURL(name: name, version: version),
                licenses: licenses
            )
        }
    }
}
