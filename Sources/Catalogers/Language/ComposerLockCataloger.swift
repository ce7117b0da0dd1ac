public import SecurityModel

/// PHP `composer.lock`: the `packages` and `packages-dev` arrays.
public struct ComposerLockCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/php-composer-lock`.
    public var id: String { "lang/php-composer-lock" }
    /// Output version.
    public var version: Int { 1 }

    /// Files named `composer.lock`.
    public func isRequired(_ path: String) -> Bool { TreePath.baseName(path) == "composer.lock" }

    /// One package per locked package.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired) { _, bytes, sink in
            guard let document = Self.document(bytes, kind: "composer.lock", sink: &sink) else { return }
            for section in ["packages", "packages-dev"] {
                Self.addPackages(document[section]?.arrayValue ?? [], to: &sink)
            }
        }
    }

    static func document(_ bytes: [UInt8], kind: String, sink: inout ManifestSink) -> JSONValue? {
        do {
            return try JSONParser.parse(bytes: bytes)
        } catch {
            sink.diagnose("not a valid \(kind): \(error)")
            return nil
        }
    }

    /// Adds composer package objects (`name`, `version`, `license`).
    static func addPackages(_ packages: [JSONValue], to sink: inout ManifestSink) {
        for package in packages {
            guard let name = package["name"]?.stringValue, !name.isEmpty,
                let version = package["version"]?.stringValue, !version.isEmpty
            else {
                sink.diagnose("composer package without name or version")
                continue
            }
            sink.add(
                name: name,
                version: version,
                type: .composer,
                purl: LanguageSupport.slashedPURL(type: "composer", path: name, version: version),
                licenses: LanguageSupport.licenses(from: package["license"])
            )
        }
    }
}
