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

/// `META-INF/maven/<group>/<artifact>/pom.properties`: Java properties with `groupId`, `artifactId`, `version`.
struct PomProperties: Equatable {
    var groupId: String
    var artifactId: String
    var version: String

    /// Parses the properties; nil when artifactId or version is missing.
    init?(_ text: String) {
        var values: [String: String] = [:]
        for rawLine in LanguageSupport.lines(text) {
            let line = LanguageSupport.trim(rawLine)
            guard let first = line.first, first != "#", first != "!" else { continue }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" || $0 == " " || $0 == "\t" }) else {
                continue
            }
            var value = LanguageSupport.trim(line[line.index(after: separator)...])
            if line[separator] == " " || line[separator] == "\t", let f = value.first, f == "=" || f == ":" {
                value = LanguageSupport.trim(value.dropFirst())
            }
            values[String(LanguageSupport.trim(line[..<separator]))] = String(value)
        }
        guard let artifactId = values["artifactId"], !artifactId.isEmpty, let version = values["version"],
            !version.isEmpty
        else { return nil }
        self.groupId = values["groupId"] ?? ""
        self.artifactId = artifactId
        self.version = version
    }
}
