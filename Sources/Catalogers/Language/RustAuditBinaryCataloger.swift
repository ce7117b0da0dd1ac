import OCIImage
public import SecurityModel

/// Rust binaries built with `cargo auditable`: the `.dep-v0` ELF section, zlib-compressed JSON
/// `{"packages": [{"name", "version", "source", "kind", "dependencies", "root"}]}`. Every listed crate is
/// reported, the root (the binary's own crate) included.
public struct RustAuditBinaryCataloger: EntryRequiringCataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/rust-audit-binary`.
    public var id: String { "lang/rust-audit-binary" }
    /// Output version.
    public var version: Int { 1 }

    /// Largest inflated dependency list accepted.
    static let jsonLimit = 16 << 20

    /// Path-only approximation of "an executable".
    public func isRequired(_ path: String) -> Bool { ExecutableScan.isRequired(path: path) }

    /// Regular files with an execute bit, 64 bytes to 512 MiB, without a non-binary extension.
    public func isRequired(entry: FileEntry) -> Bool { ExecutableScan.isRequired(entry: entry) }

    /// Packages from every cargo-auditable binary in the tree.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        ExecutableScan.forEachELF(in: tree, catalogerID: id) { _, elf, sink in
            guard let section = elf.section(named: ".dep-v0") else { return }
            guard let compressed = elf.contents(of: section) else {
                sink.diagnose(".dep-v0 section lies outside the file")
                return
            }
            Self.read(compressed, into: &sink)
        }
    }

    static func read(_ compressed: ArraySlice<UInt8>, into sink: inout ManifestSink) {
        let json: [UInt8]
        do {
            json = try Inflater.inflate(compressed, framing: .zlib, limit: jsonLimit)
        } catch {
            sink.diagnose("cargo-auditable data: \(error)")
            return
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes: json)
        } catch {
            sink.diagnose("cargo-auditable data is not valid JSON: \(error)")
            return
        }
        guard let packages = document["packages"]?.arrayValue else {
            sink.diagnose("cargo-auditable data has no package list")
            return
        }
        for package in packages {
            guard let name = package["name"]?.stringValue, !name.isEmpty,
                let version = package["version"]?.stringValue, !version.isEmpty
            else { continue }
            sink.add(
                name: name,
                version: version,
                type: .cargo,
                purl: PackageURL.make(type: "cargo", name: name, version: version)
            )
        }
    }
}
