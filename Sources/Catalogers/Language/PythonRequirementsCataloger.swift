public import SecurityModel

/// Python `requirements.txt` files (`*requirements*.txt`): only exact pins (`name==1.0`, `name===1.0`)
/// become packages. Ranges, unpinned names, URLs, local paths, editable installs and `-r`/`-c` includes
/// cannot name an installed version; they are counted in one diagnostic per file instead.
public struct PythonRequirementsCataloger: Cataloger {
    /// Creates the cataloger.
    public init() {}

    /// `lang/python-requirements`.
    public var id: String { "lang/python-requirements" }
    /// Output version.
    public var version: Int { 1 }

    /// Files named `*requirements*.txt`.
    public func isRequired(_ path: String) -> Bool {
        let base = TreePath.baseName(path)
        return base.hasSuffix(".txt") && base.contains("requirements")
    }

    /// One package per pinned requirement.
    public func catalog(_ tree: any FileTree, context: CatalogContext) -> CatalogerResult {
        LanguageSupport.scan(tree, id: id, required: isRequired) { _, bytes, sink in
            let parsed = Self.parse(String(decoding: bytes, as: UTF8.self))
            for requirement in parsed.pinned {
                sink.add(
                    name: requirement.name,
                    version: requirement.version,
                    type: .python,
                    purl: PackageURL.make(
                        type: "pypi",
                        name: LanguageSupport.pep503(requirement.name),
                        version: requirement.version
                    )
                )
            }
            if !parsed.skipped.isEmpty {
                let shown = parsed.skipped.prefix(10).joined(separator: ", ")
                let more = parsed.skipped.count > 10 ? ", …" : ""
                sink.diagnose(
                    "\(parsed.skipped.count) requirement(s) not pinned with == were not reported: \(shown)\(more)"
                )
            }
            if !parsed.includes.isEmpty {
                sink.diagnose("included requirement files not followed: \(parsed.includes.joined(separator: ", "))")
            }
            for line in parsed.malformed { sink.diagnose("line \(line): cannot parse requirement") }
        }
    }

    /// What a requirements file says.
    struct Parsed: Equatable {
        var pinned: [(name: String, version: String)] = []
        /// Requirements that do not pin one version (text as written).
        var skipped: [String] = []
        /// `-r` / `-c` includes (not followed).
        var includes: [String] = []
        /// 1-based line numbers that could not be parsed.
        var malformed: [Int] = []

        static func == (a: Parsed, b: Parsed) -> Bool {
            a.pinned.map { "\($0.name)==\($0.version)" } == b.pinned.map { "\($0.name)==\($0.version)" }
                && a.skipped == b.skipped && a.includes == b.includes && a.malformed == b.malformed
        }
    }

    /// Parses requirements-file text (pip's format: comments, `\` continuations, options, markers).
    static func parse(_ text: String) -> Parsed {
        var out = Parsed()
        var logical: [(Int, String)] = []
        var pending = ""
        var pendingLine = 0
        for (index, raw) in LanguageSupport.lines(text).enumerated() {
            if pending.isEmpty { pendingLine = index + 1 }
            let line = stripComment(raw)
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            logical.append((pendingLine, pending + line))
            pending = ""
        }
        if !pending.isEmpty { logical.append((pendingLine, pending)) }

        for (number, rawLine) in logical {
            let line = LanguageSupport.trim(rawLine[...])
            if line.isEmpty { continue }
            if line.hasPrefix("-") {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "=" })
                switch words.first {
                case "-r", "--requirement", "-c", "--constraint":
                    out.includes.append(words.dropFirst().first.map(String.init) ?? String(line))
                case "-e", "--editable": out.skipped.append(String(line))
                default: break  // index options and the like
                }
                continue
            }
            if line.contains("://") || line.hasPrefix(".") || line.hasPrefix("/") || line.hasPrefix("~") {
                out.skipped.append(String(line))
                continue
            }
            // Per-requirement options (`--hash=…`, `-C x`) and environment markers end the specifier.
            var spec = line
            if let marker = spec.firstIndex(of: ";") { spec = spec[..<marker] }
            if let option = optionStart(spec) { spec = spec[..<option] }
            spec = LanguageSupport.trim(spec)
            var index = spec.startIndex
            while index < spec.endIndex, isNameCharacter(spec[index]) { index = spec.index(after: index) }
            let name = spec[..<index]
            guard let first = name.first, first.isLetter || first.isNumber else {
                out.malformed.append(number)
                continue
            }
            var rest = LanguageSupport.trim(spec[index...])
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else {
                    out.malformed.append(number)
                    continue
                }
                rest = LanguageSupport.trim(rest[rest.index(after: close)...])
            }
            if rest.hasPrefix("@") {
                out.skipped.append(String(line))
                continue
            }
            if rest.isEmpty {
                out.skipped.append(String(name))
                continue
            }
            if let version = pinnedVersion(rest) {
                out.pinned.append((String(name), version))
            } else if rest.first.map({ "<>=!~".contains($0) }) == true {
                out.skipped.append(String(line))
            } else {
                out.malformed.append(number)
            }
        }
        return out
    }

    /// `== 1.0` or `===1.0` with one clause and a literal version; nil otherwise.
    private static func pinnedVersion(_ rest: Substring) -> String? {
        guard rest.hasPrefix("==") else { return nil }
        var version = rest.dropFirst(2)
        if version.hasPrefix("=") { version = version.dropFirst() }
        version = LanguageSupport.trim(version)
        guard !version.isEmpty, !version.contains(","), !version.contains("*") else { return nil }
        for c in version.unicodeScalars {
            let ok =
                (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "." || c == "+"
                || c == "!" || c == "-" || c == "_"
            if !ok { return nil }
        }
        return String(version)
    }

    /// Index of the first ` -` that starts a per-requirement option.
    private static func optionStart(_ s: Substring) -> Substring.Index? {
        var previousWasSpace = false
        for index in s.indices {
            let c = s[index]
            if c == "-", previousWasSpace { return index }
            previousWasSpace = c == " " || c == "\t"
        }
        return nil
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".")
    }

    /// Removes a `#` comment that starts a line or follows whitespace.
    private static func stripComment(_ line: Substring) -> Substring {
        var previous: Character = " "
        for index in line.indices {
            if line[index] == "#", previous == " " || previous == "\t" { return line[..<index] }
            previous = line[index]
        }
        return line
    }
}
