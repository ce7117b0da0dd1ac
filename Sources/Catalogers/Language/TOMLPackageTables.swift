public import SecurityModel

/// Lock files that list packages as TOML `[[package]]` tables with `name` and `version`
/// (`Cargo.lock`, `poetry.lock`): one shared reader for the catalogers of both.
enum TOMLPackageTables {
    /// Catalogs every file named `fileName`: one package per `[[package]]` table, `purl` built from
    /// name and version; parse errors and incomplete tables become diagnostics.
    static func catalog(
        _ tree: any FileTree,
        id: String,
        fileName: String,
        type: PackageType,
        purl: @escaping (_ name: String, _ version: String) -> String
    ) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: { TreePath.baseName($0) == fileName }) { _, bytes, sink in
            let document: TOMLValue
            do {
                document = try TOMLParser.parse(bytes)
            } catch {
                sink.diagnose("not a valid \(fileName): \(error)")
                return
            }
            for table in document["package"]?.arrayValue ?? [] {
                guard let name = table["name"]?.stringValue, let version = table["version"]?.stringValue,
                    !name.isEmpty, !version.isEmpty
                else {
                    sink.diagnose("[[package]] without name or version")
                    continue
                }
                sink.add(name: name, version: version, type: type, purl: purl(name, version))
            }
        }
    }
}
