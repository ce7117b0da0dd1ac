public import SecurityModel

/// `Pipfile.lock`: the `default` and `develop` sections (`"name": {"version": "==1.0"}`). Entries
/// without a version (git, path and editable dependencies) are counted in a diagnostic.
public struct PipfileLockCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/python-pipfile-lock`.
    public var id: String { "lang/python-pipfile-lock" }
    /// Output version.
    public var version: Int { 1 }

    /// Files named `Pipfile.lock`.
    public func isRequired(_ path: String) -> Bool { TreePath.baseName(path) == "Pipfile.lock" }

    /// One package per locked entry with a version.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired) { _, bytes, sink in
            let document: JSONValue
            do {
                document = try JSONParser.parse(bytes: bytes)
            } catch {
                sink.diagnose("not a valid Pipfile.lock: \(error)")
                return
            }
            guard case .object = document else {
                sink.diagnose("not a valid Pipfile.lock: top level is not an object")
                return
            }
            var unversioned: [String] = []
            for section in ["default", "develop"] {
                guard case .object(let entries)? = document[section] else { continue }
                for (name, entry) in entries {
                    guard let raw = entry["version"]?.stringValue, !raw.isEmpty else {
                        unversioned.append(name)
                        continue
                    }
                    var version = Substring(raw)
                    while version.first == "=" { version = version.dropFirst() }
                    let v = String(LanguageSupport.trim(version))
                    guard !v.isEmpty else {
                        unversioned.append(name)
                        continue
                    }
                    sink.add(
                        name: name,
                        version: v,
                        type: .python,
                        purl: PackageURL.make(type: "pypi", name: LanguageSupport.pep503(name), version: v)
                    )
                }
            }
            if !unversioned.isEmpty {
                sink.diagnose(
                    "\(unversioned.count) locked entr(y/ies) without a version (git or path dependencies): "
                        + unversioned.joined(separator: ", ")
                )
            }
        }
    }
}
