public import SecurityModel

/// .NET `*.deps.json`: the `libraries` of type `package` (`"Name/1.2.3": {"type": "package"}`); project
/// and reference-assembly entries are the application itself.
public struct DotnetDepsCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/dotnet-deps`.
    public var id: String { "lang/dotnet-deps" }
    /// Output version.
    public var version: Int { 1 }

    /// Files named `*.deps.json`.
    public func isRequired(_ path: String) -> Bool { path.hasSuffix(".deps.json") }

    /// One package per NuGet library.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired) { _, bytes, sink in
            let document: JSONValue
            do {
                document = try JSONParser.parse(bytes: bytes)
            } catch {
                sink.diagnose("not a valid deps.json: \(error)")
                return
            }
            guard case .object(let libraries)? = document["libraries"] else {
                sink.diagnose("deps.json has no libraries")
                return
            }
            for (key, library) in libraries where library["type"]?.stringValue == "package" {
                guard let slash = key.lastIndex(of: "/") else {
                    sink.diagnose("library key without a version: \(key)")
                    continue
                }
                let name = String(key[..<slash])
                let version = String(key[key.index(after: slash)...])
                guard !name.isEmpty, !version.isEmpty else { continue }
                sink.add(
                    name: name,
                    version: version,
                    type: .nuget,
                    purl: PackageURL.make(type: "nuget", name: name, version: version)
                )
            }
        }
    }
}
