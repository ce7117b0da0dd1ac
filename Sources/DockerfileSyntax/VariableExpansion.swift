/// Expands `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`,
/// `${NAME:?msg}` the way BuildKit does for ARG/ENV substitution in instructions.
public enum VariableExpansion {
    /// Expands variables in `text` using `lookup`; unknown variables expand to "". The escape
    /// character protects a following `$`.
    public static func expand(_ text: String, escape: Character = "\\", lookup: (String) -> String?) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == escape, i + 1 < chars.count, chars[i + 1] == "$" {
                out.append("$")
                i += 2
                continue
            }
            guard c == "$", i + 1 < chars.count else {
                out.append(c)
                i += 1
                continue
            }
            if chars[i + 1] == "{" {
                guard let close = chars[(i + 2)...].firstIndex(of: "}") else {
                    out.append(contentsOf: chars[i...])
                    break
                }
                let body = String(chars[(i + 2)..<close])
                out += expandBraced(body, lookup: lookup)
                i = close + 1
                continue
            }
            var j = i + 1
            while j < chars.count, chars[j] == "_" || chars[j].isLetter || chars[j].isNumber { j += 1 }
            if j == i + 1 {
                out.append(c)
                i += 1
                continue
            }
            out += lookup(String(chars[(i + 1)..<j])) ?? ""
            i = j
        }
        return out
    }

    private static func expandBraced(_ body: String, lookup: (String) -> String?) -> String {
        let nameEnd = body.firstIndex { !($0 == "_" || $0.isLetter || $0.isNumber) } ?? body.endIndex
        let name = String(body[..<nameEnd])
        let op = body[nameEnd...]
        let value = lookup(name)
        if op.isEmpty { return value ?? "" }
        for (prefix, colon) in [(":-", true), ("-", false), (":+", true), ("+", false), (":?", true), ("?", false)] {
            guard op.hasPrefix(prefix) else { continue }
            let word = String(op.dropFirst(prefix.count))
            let isSet = value != nil
            let isNonEmpty = !(value ?? "").isEmpty
            let present = colon ? isNonEmpty : isSet
            switch prefix.last {
            case "-": return present ? (value ?? "") : expand(word, lookup: lookup)
            case "+": return present ? expand(word, lookup: lookup) : ""
            default: return value ?? ""
            }
        }
        return value ?? ""
    }
}
