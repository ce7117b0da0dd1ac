public import SecurityModel

/// Rust `Cargo.lock`: every `[[package]]` (registry, git and path packages alike).
public struct CargoLockCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/rust-cargo-lock`.
    public var id: String { "lang/rust-cargo-lock" }
    /// Output version.
    public var version: Int { 1 }

    /// Files named `Cargo.lock`.
    public func isRequired(_ path: String) -> Bool { TreePath.baseName(path) == "Cargo.lock" }

    /// One package per `[[package]]`.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired) { _, bytes, sink in
            let document: TOMLValue
            do {
                document = try TOMLParser.parse(bytes)
            } catch {
                sink.diagnose("not a valid Cargo.lock: \(error)")
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
                    type: .cargo,
                    purl: PackageURL.make(type: "cargo", name: name, version: version)
                )
            }
        }
    }
}
