/// The main section of a JAR manifest (`META-INF/MANIFEST.MF`): `Name: value` headers whose long values
/// continue on lines that start with one space; the main section ends at the first blank line.
struct JavaManifest {
    private(set) var fields: [(String, String)] = []

    init(_ text: String) {
        for line in LanguageSupport.lines(text) {
            if line.isEmpty {
                if fields.isEmpty { continue }
                break
            }
            if line.hasPrefix(" ") {
                guard !fields.isEmpty else { continue }
                fields[fields.count - 1].1 += line.dropFirst()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields.append(
                (
                    String(LanguageSupport.trim(line[..<colon])),
                    String(LanguageSupport.trim(line[line.index(after: colon)...]))
                )
            )
        }
        fields = fields.map { ($0.0, LanguageSupport.trim($0.1)) }
    }

    /// The value of header `name` (case-insensitive), nil when absent or empty.
    subscript(name: String) -> String? {
        let lower = name.lowercased()
        guard let value = fields.first(where: { $0.0.lowercased() == lower })?.1, !value.isEmpty else { return nil }
        return value
    }
}
