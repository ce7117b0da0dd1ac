public import SecurityModel

/// Go binaries: the module build information embedded in ELF executables. Reports the main module, every
/// dependency module (a replacement `=>` reports the module actually built: the replacement's path and
/// version, or the original path at `(devel)` for a local directory), and the Go standard library as
/// `stdlib` at the toolchain version (`1.21.3`, purl `pkg:golang/stdlib@1.21.3`).
public struct GoBinaryCataloger: EntryRequiringCataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/go-binary`.
    public var id: String { "lang/go-binary" }
    /// Output version.
    public var version: Int { 1 }

    /// Path-only approximation of "an executable" (see ``isRequired(entry:)``).
    public func isRequired(_ path: String) -> Bool { ExecutableScan.isRequired(path: path) }

    /// Regular files with an execute bit, 64 bytes to 512 MiB, without a non-binary extension.
    public func isRequired(entry: FileEntry) -> Bool { ExecutableScan.isRequired(entry: entry) }

    /// Packages from every Go binary in the tree.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        ExecutableScan.forEachELF(in: tree, catalogerID: id) { _, elf, sink in
            let info: GoBuildInfo
            do {
                guard let found = try GoBuildInfo.read(elf) else { return }
                info = found
            } catch {
                sink.diagnose("Go binary with unreadable build info: \(error)")
                return
            }
            Self.add(info, to: &sink)
        }
    }

    static func add(_ info: GoBuildInfo, to sink: inout ManifestSink) {
        func add(_ path: String, _ version: String) {
            guard !path.isEmpty else { return }
            let purlVersion = version == "(devel)" ? "" : version
            sink.add(
                name: path,
                version: version,
                type: .goModule,
                purl: LanguageSupport.slashedPURL(type: "golang", path: path, version: purlVersion)
            )
        }
        if let main = info.main {
            add(main.path, main.version.isEmpty ? "(devel)" : main.version)
        }
        for dependency in info.dependencies {
            if let replacement = dependency.replacement {
                if replacement.version.isEmpty || replacement.version == "(devel)" {
                    add(dependency.path, "(devel)")
                } else {
                    add(replacement.path, replacement.version)
                }
            } else {
                add(dependency.path, dependency.version)
            }
        }
        if let go = stdlibVersion(info.goVersion) {
            sink.add(
                name: "stdlib",
                version: go,
                type: .goModule,
                purl: PackageURL.make(type: "golang", name: "stdlib", version: go)
            )
        }
    }

    /// `go1.21.3 X:boringcrypto` → `1.21.3`; `devel …` → nil.
    static func stdlibVersion(_ raw: String) -> String? {
        guard raw.hasPrefix("go") else { return nil }
        let version = raw.dropFirst(2).prefix { $0 != " " && $0 != "\t" }
        guard version.first?.isNumber == true else { return nil }
        return String(version)
    }
}
