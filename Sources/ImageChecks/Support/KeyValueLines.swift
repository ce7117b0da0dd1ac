/// Reads `NAME=value`, `name = value` and `name: value` lines of configuration files (`.env`, ini files,
/// simple YAML), skipping comments and section headers. Lenient: lines that fit none of the forms are
/// ignored.
enum KeyValueLines {
    struct Pair: Sendable, Hashable {
        var name: String
        var value: String
    }

    static func parse(_ text: String) -> [Pair] {
        var pairs: [Pair] = []
        for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = raw.trimmingSpaces
            guard let first = line.first, first != "#", first != ";", first != "[" else { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count).trimmingSpaces }
            if line.hasPrefix("- ") { line = line.dropFirst(2).trimmingSpaces }
            let eq = line.firstIndex(of: "=")
            let colon = line.firstIndex(of: ":")
            // `=` wins when nothing before it is blank (`//registry/:_authToken=…`, `A=b:c`); otherwise a
            // YAML-style `key: value` colon.
            let separator: Substring.Index?
            if let e = eq, !line[..<e].contains(where: { $0 == " " || $0 == "\t" }) {
                separator = e
            } else {
                separator = colon ?? eq
            }
            guard let separator else { continue }
            let name = line[..<separator].trimmingSpaces
            guard !name.isEmpty, !name.contains(" ") || name.hasPrefix("\"") else { continue }
            var value = line[line.index(after: separator)...].trimmingSpaces
            // An inline comment after an unquoted value.
            if let f = value.first, f != "\"", f != "'", let hash = value.firstRange(of: " #") {
                value = value[..<hash.lowerBound].trimmingSpaces
            }
            pairs.append(Pair(name: SecretValues.unquoted(String(name)), value: SecretValues.unquoted(String(value))))
        }
        return pairs
    }
}
