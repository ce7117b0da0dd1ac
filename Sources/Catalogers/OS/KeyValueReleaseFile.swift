/// A parsed `KEY=value` release file: `/etc/os-release` (os-release(5)) or `/etc/lsb-release`.
///
/// Values may be unquoted, single-quoted or double-quoted; inside double quotes the backslash escapes
/// `\"`, `\\`, `` \` `` and `\$` are honoured. Comments (`#`) and lines without `=` are ignored.
struct KeyValueReleaseFile: Sendable, Hashable {
    /// Each key with its (unquoted) value; a later duplicate wins.
    private(set) var values: [String: String] = [:]

    init(_ text: String) {
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = Substring(rawLine)
            while let first = line.first, first == " " || first == "\t" { line = line.dropFirst() }
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst(7) }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingBlanks()
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            values[String(key)] = Self.unquote(line[line.index(after: eq)...].trimmingBlanks())
        }
    }

    subscript(_ key: String) -> String? {
        guard let value = values[key], !value.isEmpty else { return nil }
        return value
    }

    private static func unquote(_ raw: Substring) -> String {
        guard let first = raw.first, first == "\"" || first == "'" else {
            // Unquoted: stop at an inline comment.
            if let hash = raw.firstIndex(of: "#"), hash != raw.startIndex,
                raw[raw.index(before: hash)] == " " || raw[raw.index(before: hash)] == "\t"
            {
                return String(raw[..<hash].trimmingBlanks())
            }
            return String(raw)
        }
        var out = ""
        var escaped = false
        for ch in raw.dropFirst() {
            if escaped {
                if first == "\"", !["\"", "\\", "`", "$"].contains(ch) { out.append("\\") }
                out.append(ch)
                escaped = false
            } else if ch == "\\" && first == "\"" {
                escaped = true
            } else if ch == first {
                break
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    fileprivate func trimmingBlanks() -> Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
