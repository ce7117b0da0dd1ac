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
        TOMLPackageTables.catalog(tree, id: id, fileName: "Cargo.lock", type: .cargo) { name, version in
            PackageURL.make(type: "cargo", name: name, version: version)
        }
    }
}
