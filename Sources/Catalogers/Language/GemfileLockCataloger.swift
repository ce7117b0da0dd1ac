public import SecurityModel

/// Bundler's `Gemfile.lock` (and `Gemfile.*.lock`, `gems.locked`): the gems listed under `specs:` in the
/// `GEM`, `GIT` and `PATH` sections. A platform suffix (`1.13.3-x86_64-linux`) is not part of the version.
public struct GemfileLockCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/ruby-gemfile-lock`.
    public var id: String { "lang/ruby-gemfile-lock" }
    /// Output version.
    public var version: Int { 1 }

    /// `Gemfile.lock`, `Gemfile.<name>.lock` and `gems.locked`.
    public func isRequired(_ path: String) -> Bool {
        let base = TreePath.baseName(path)
        return base == "gems.locked" || (base.hasPrefix("Gemfile") && base.hasSuffix(".lock"))
    }

    /// One package per locked gem.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired) { _, bytes, sink in
            let gems = Self.parse(String(decoding: bytes, as: UTF8.self))
            for gem in gems {
                sink.add(
                    name: gem.name,
                    version: gem.version,
                    type: .gem,
                    purl: PackageURL.make(type: "gem", name: gem.name, version: gem.version)
                )
            }
        }
    }

    /// The (name, version) pairs of the spec sections.
    static func parse(_ text: String) -> [(name: String, version: String)] {
        var out: [(String, String)] = []
        var section = ""
        var inSpecs = false
        for line in LanguageSupport.lines(text) {
            guard let first = line.first else { continue }
            if first != " " {
                section = String(LanguageSupport.trim(line))
                inSpecs = false
                continue
            }
            guard ["GEM", "GIT", "PATH"].contains(section) else { continue }
            if line == "  specs:" {
                inSpecs = true
                continue
            }
            guard inSpecs, line.hasPrefix("    "), !line.hasPrefix("     ") else { continue }
            let entry = LanguageSupport.trim(line)
            guard let open = entry.firstIndex(of: "("), entry.hasSuffix(")") else { continue }
            let name = LanguageSupport.trim(entry[..<open])
            var version = entry[entry.index(after: open)..<entry.index(before: entry.endIndex)]
            if let dash = version.firstIndex(of: "-"), isPlatform(version[version.index(after: dash)...]) {
                version = version[..<dash]
            }
            guard !name.isEmpty, !version.isEmpty else { continue }
            out.append((String(name), String(version)))
        }
        return out
    }

    private static func isPlatform(_ s: Substring) -> Bool {
        let markers = [
            "linux", "darwin", "mingw", "mswin", "java", "jruby", "x86", "x64", "arm", "aarch64",
            "universal", "freebsd", "openbsd", "netbsd", "solaris", "musl", "gnu", "cygwin",
        ]
        return markers.contains { s.contains($0) }
    }
}
