public import SecurityModel

/// Composer's record of installed packages, `vendor/composer/installed.json`: a plain array (Composer 1)
/// or `{"packages": […]}` (Composer 2).
public struct ComposerInstalledCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/php-installed-json`.
    public var id: String { "lang/php-installed-json" }
    /// Output version.
    public var version: Int { 1 }

    /// Files at `…/composer/installed.json`.
    public func isRequired(_ path: String) -> Bool { path.hasSuffix("/composer/installed.json") }

    /// One package per installed package.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired) { _, bytes, sink in
            guard let document = ComposerLockCataloger.document(bytes, kind: "installed.json", sink: &sink) else {
                return
            }
            if let packages = document.arrayValue ?? document["packages"]?.arrayValue {
                ComposerLockCataloger.addPackages(packages, to: &sink)
            } else {
                sink.diagnose("installed.json has no package list")
            }
        }
    }
}
