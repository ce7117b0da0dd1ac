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
