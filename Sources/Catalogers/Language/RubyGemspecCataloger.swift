public import SecurityModel

/// Installed Ruby gems: `specifications/*.gemspec` (and `specifications/default/*.gemspec` for default
/// gems), the Ruby files RubyGems writes at install time. They are read, not run: the
/// `Gem::Specification.new do |s|` block's `s.name`, `s.version`, `s.license(s)` assignments of string
/// literals, with the `# stub: name version` comment as a fallback.
public struct RubyGemspecCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/ruby-gemspec`.
    public var id: String { "lang/ruby-gemspec" }
    /// Output version.
    public var version: Int { 1 }

    /// `*.gemspec` files below a `specifications` directory.
    public func isRequired(_ path: String) -> Bool {
        path.hasSuffix(".gemspec") && (path.contains("/specifications/"))
    }

    /// One package per gemspec.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired, limit: 8 << 20) { _, bytes, sink in
            let spec = Self.parse(String(decoding: bytes, as: UTF8.self))
            guard let name = spec.name, !name.isEmpty, let version = spec.version, !version.isEmpty else {
                sink.diagnose("gemspec without a literal name and version")
                return
            }
            sink.add(
                name: name,
                version: version,
                type: .gem,
                purl: PackageURL.make(type: "gem", name: name, version: version),
                licenses: spec.licenses
            )
        }
    }

    /// What a gemspec declares.
    struct Spec: Equatable {
        var name: String?
        var version: String?
        var licenses: [String] = []
    }

    /// Reads the literal assignments of a gemspec.
    static func parse(_ text: String) -> Spec {
        var spec = Spec()
        var variable = "s"
        var stub: (String, String)? = nil
        for rawLine in LanguageSupport.lines(text) {
            let line = LanguageSupport.trim(rawLine)
            if line.hasPrefix("# stub:") {
                let words = line.dropFirst(7).split(separator: " ")
                if words.count >= 2 { stub = (String(words[0]), String(words[1])) }
                continue
            }
            if line.hasPrefix("#") { continue }
            if line.contains("Gem::Specification.new") {
                if let open = line.firstIndex(of: "|"), let close = line[line.index(after: open)...].firstIndex(of: "|")
                {
                    variable = String(LanguageSupport.trim(line[line.index(after: open)..<close]))
                }
                // `Gem::Specification.new "name", "1.0" do |s|`
                let arguments = stringLiterals(in: line.split(separator: "new", maxSplits: 1).last ?? "")
                if arguments.count >= 2, !arguments[0].isEmpty {
                    spec.name = spec.name ?? arguments[0]
                    spec.version = spec.version ?? arguments[1]
                }
                continue
            }
            guard line.hasPrefix(variable + "."), let equals = line.firstIndex(of: "=") else { continue }
            let attribute = LanguageSupport.trim(
                line[line.index(line.startIndex, offsetBy: variable.count + 1)..<equals]
            )
            let value = line[line.index(after: equals)...]
            guard !value.hasPrefix("=") else { continue }  // comparisons, not assignments
            switch attribute {
            case "name": spec.name = stringLiterals(in: value).first ?? spec.name
            case "version": spec.version = stringLiterals(in: value).first ?? spec.version
            case "license": spec.licenses = stringLiterals(in: value).prefix(1).filter { !$0.isEmpty }
            case "licenses": spec.licenses = stringLiterals(in: value).filter { !$0.isEmpty }
            default: break
            }
        }
        if spec.name == nil || spec.version == nil, let stub {
            spec.name = spec.name ?? stub.0
            spec.version = spec.version ?? stub.1
        }
        return spec
    }

    /// The `"…"` and `'…'` literals of a Ruby expression, in order (up to a trailing `if`/`unless`).
    static func stringLiterals(in text: Substring) -> [String] {
        var out: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == "#" { break }
            guard c == "\"" || c == "'" else {
                index = text.index(after: index)
                continue
            }
            var literal = ""
            var cursor = text.index(after: index)
            var closed = false
            while cursor < text.endIndex {
                let d = text[cursor]
                if d == "\\" {
                    let next = text.index(after: cursor)
                    guard next < text.endIndex else { break }
                    literal.append(text[next])
                    cursor = text.index(after: next)
                    continue
                }
                if d == c {
                    closed = true
                    cursor = text.index(after: cursor)
                    break
                }
                literal.append(d)
                cursor = text.index(after: cursor)
            }
            guard closed else { break }
            out.append(literal)
            index = cursor
        }
        return out
    }
}
