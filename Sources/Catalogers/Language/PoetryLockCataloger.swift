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
        TOMLPackageTables.catalog(tree, id: id, fileName: "poetry.lock", type: .python) { name, version in
            PackageURL.make(type: "pypi", name: LanguageSupport.pep503(name), version: version)
        }
    }
}
