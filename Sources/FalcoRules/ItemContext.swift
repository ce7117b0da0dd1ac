/// One top-level item being read: its file, the document's line map, its key path, kind and name; it turns
/// problems into diagnostics with the right line.
struct ItemContext {
    let file: String
    let lines: [String: Int]
    /// The item's key path in the document (`[3]`).
    let path: String
    let fallbackLine: Int
    let kind: RuleItemKind
    var name: String

    /// The 1-based line of `subpath` (`condition`, `exceptions[0].name`) or of the item itself.
    func line(_ subpath: String? = nil) -> Int {
        if let subpath, let line = lines[subpath.first == "[" ? path + subpath : "\(path).\(subpath)"] {
            return line
        }
        return lines[path] ?? fallbackLine
    }

    /// The origin of the item (the line of its kind key).
    func origin(kindKey: String) -> RuleOrigin { RuleOrigin(file: file, line: line(kindKey)) }

    /// A diagnostic about this item at `subpath`.
    func diagnostic(
        _ code: RulesDiagnostic.Code,
        _ message: String,
        at subpath: String? = nil,
        severity: RulesDiagnostic.Severity = .error,
        kind: RuleItemKind? = nil,
        name: String? = nil
    ) -> RulesDiagnostic {
        RulesDiagnostic(
            severity: severity,
            code: code,
            message: message,
            file: file,
            line: line(subpath),
            itemKind: kind ?? self.kind,
            itemName: name ?? self.name
        )
    }
}
