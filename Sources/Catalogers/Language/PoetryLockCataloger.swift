public import SecurityModel

/// `poetry.lock`: every `[[package]]` table's `name` and `version`.
public struct PoetryLockCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/python-poetry-lock`.
    public var id: String { "lang/python-poetry-lock" }
    /// Output version.
    public var version: Int { 1 }

    /// Files named `poetry.lock`.
    public func isRequired(_ path: String) -> Bool { TreePath.baseName(path) == "poetry.lock" }

    /// One package per `[[package]]`.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired) { _, bytes, sink in
            let document: TOMLValue
            do {
                document = try TOMLParser.parse(bytes)
            } catch {
                sink.diagnose("not a valid poetry.lock: \(error)")
                return
            }
            for table in document["package"]?.arrayValue ?? [] {
                guard let name = table["name"]?.stringValue, let version = table["version"]?.stringValue,
                    !name.isEmpty, !version.isEmpty
                else {
                    sink.diagnose("[[package]] without name or version")
                    continue
                }
                sink.add(
                    name: name,
                    version: version,
                    type: .python,
                    purl: PackageURL.make(type: "pypi", name: LanguageSupport.pep503(name), version: version)
                )
            }
        }
    }
}
