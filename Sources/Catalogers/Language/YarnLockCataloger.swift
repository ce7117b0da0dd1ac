public import SecurityModel

/// `yarn.lock` in both the classic v1 format (`name@range:` headers, `version "1.0.0"` lines) and the
/// berry (v2+) YAML format (`__metadata`, `resolution: "name@npm:1.0.0"`). Workspace entries (the project
/// and its workspaces, `0.0.0-use.local`) are not packages. Aliases report the real package.
public struct YarnLockCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/yarn-lock`.
    public var id: String { "lang/yarn-lock" }
    /// Output version.
    public var version: Int { 1 }

    /// Files named `yarn.lock`.
    public func isRequired(_ path: String) -> Bool { TreePath.baseName(path) == "yarn.lock" }

    /// One package per locked name and version.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired) { _, bytes, sink in
            let text = String(decoding: bytes, as: UTF8.self)
            let entries: [(name: String, version: String)]
            do {
                entries = try Self.parse(text)
            } catch {
                sink.diagnose("not a valid yarn.lock: \(error)")
                return
            }
            for entry in entries {
                sink.add(
                    name: entry.name,
                    version: entry.version,
                    type: .npm,
                    purl: LanguageSupport.npmPURL(name: entry.name, version: entry.version)
                )
            }
        }
    }

    /// The (name, version) pairs of a yarn.lock of either format, in file order.
    static func parse(_ text: String) throws(YAMLSubsetParser.ParseError) -> [(name: String, version: String)] {
        let isBerry = LanguageSupport.lines(text).contains { $0.hasPrefix("__metadata:") }
        return isBerry ? try parseBerry(text) : parseClassic(text)
    }

    /// Classic v1: unindented `spec[, spec]:` headers and indented `version "x"` lines.
    static func parseClassic(_ text: String) -> [(name: String, version: String)] {
        var out: [(String, String)] = []
        var currentName: String? = nil
        for line in LanguageSupport.lines(text) {
            guard let first = line.first, first != "#" else { continue }
            if first != " " && first != "\t" {
                currentName = nil
                guard line.hasSuffix(":") else { continue }
                let firstSpec = line.dropLast().split(separator: ",").first.map { LanguageSupport.trim($0) } ?? ""
                currentName = packageName(fromSpec: LanguageSupport.unquote(firstSpec))
                continue
            }
            guard let name = currentName else { continue }
            var trimmed = LanguageSupport.trim(line)
            if trimmed.hasPrefix("\"version\"") { trimmed = trimmed.dropFirst() }  // `"version" "1.0"`
            guard trimmed.hasPrefix("version ") || trimmed.hasPrefix("version:") || trimmed.hasPrefix("version\" "),
                line.hasPrefix("  "), !line.hasPrefix("   ")
            else { continue }
            var value = LanguageSupport.trim(trimmed.dropFirst("version".count))
            if value.hasPrefix("\"") && trimmed.hasPrefix("version\"") {
                value = LanguageSupport.trim(value.dropFirst())
            }
            if value.hasPrefix(":") { value = LanguageSupport.trim(value.dropFirst()) }
            let version = String(LanguageSupport.unquote(value))
            if !version.isEmpty { out.append((name, version)) }
            currentName = nil
        }
        return out
    }

    /// Berry: a YAML mapping of spec lists to entries with `version` and `resolution`.
    static func parseBerry(_ text: String) throws(YAMLSubsetParser.ParseError) -> [(name: String, version: String)] {
        var out: [(String, String)] = []
        for (key, entry) in try YAMLSubsetParser.parse(text).pairs where key != "__metadata" {
            guard let version = entry["version"]?.scalarValue, !version.isEmpty else { continue }
            let resolution = entry["resolution"]?.scalarValue
            if let resolution, LanguageSupport.contains(resolution[...], "@workspace:") { continue }
            if version == "0.0.0-use.local" { continue }
            let spec = resolution ?? String(key.split(separator: ",").first.map { LanguageSupport.trim($0) } ?? "")
            guard let name = packageName(fromSpec: spec[...]) else { continue }
            out.append((name, version))
        }
        return out
    }

    /// `@scope/name@range` → `@scope/name`; an alias `alias@npm:real@range` → `real`.
    static func packageName(fromSpec spec: Substring) -> String? {
        guard let at = spec.dropFirst().firstIndex(of: "@") else { return spec.isEmpty ? nil : String(spec) }
        let name = spec[..<at]
        let rest = spec[spec.index(after: at)...]
        if rest.hasPrefix("npm:") {
            let target = rest.dropFirst(4)
            if let innerAt = target.dropFirst().lastIndex(of: "@"), !target.hasPrefix("^"), !target.hasPrefix("~"),
                target.first.map({ !$0.isNumber }) == true
            {
                return String(target[..<innerAt])
            }
        }
        return name.isEmpty ? nil : String(name)
    }
}
