/// Decides whether a value next to a sensitive name is a hard-coded secret or an obvious non-secret.
enum SecretValues {
    /// True when `value` is a literal worth reporting: not empty, no shell expansion, not a placeholder made
    /// of `*`, `x` or angle/curly brackets.
    static func isLiteral(_ value: String) -> Bool {
        guard !value.isEmpty, !value.contains("$") else { return false }
        if value.allSatisfy({ $0 == "*" || $0 == "x" || $0 == "X" || $0 == "." }) { return false }
        if value.hasPrefix("<"), value.hasSuffix(">") { return false }
        if value.hasPrefix("{{") || value.hasPrefix("%") { return false }
        return true
    }

    /// Values that are deliberately not secrets: build-time dummies and publicly known defaults.
    private static let placeholders: Set<String> = [
        "dummy", "placeholder", "changeit", "notsecret", "not-a-secret", "not_a_secret", "unused", "fake",
        "redacted", "example", "none", "unset", "todo", "tbd", "changeme",
    ]

    private static let booleans: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "none", "null", "nil", "enabled", "disabled", "0", "1", "-",
        "required", "optional", "random", "empty", "trust", "md5", "scram-sha-256",
    ]

    private static let fileExtensions = [
        ".json", ".pem", ".key", ".crt", ".cer", ".txt", ".yaml", ".yml", ".conf", ".cfg", ".ini", ".env", ".p12",
        ".pfx", ".jks", ".keystore", ".properties", ".xml", ".toml",
    ]

    /// True for values that cannot be a hard-coded secret: empty, variable references, booleans, short
    /// numbers, paths, file names and URLs (passwords inside URLs are found by ``SecretPatterns``).
    static func isObviouslyNotSecret(_ value: String) -> Bool {
        let v = unquoted(value)
        if v.isEmpty || !isLiteral(v) { return true }
        let lower = v.lowercased()
        if booleans.contains(lower) || placeholders.contains(lower) { return true }
        if v.count <= 5, v.allSatisfy(\.isNumber) { return true }
        if v.hasPrefix("/") || v.hasPrefix("./") || v.hasPrefix("../") || v.hasPrefix("~/") { return true }
        if v.contains("://") { return true }
        if !v.contains(" "), fileExtensions.contains(where: { lower.hasSuffix($0) }) { return true }
        return false
    }

    /// True for strings that look machine-generated: at least 20 characters without blanks mixing three
    /// of lower case, upper case, digits and `+/=_-`, or at least 32 hexadecimal digits.
    static func looksRandom(_ value: String) -> Bool {
        guard value.utf8.count >= 20, isLiteral(value) else { return false }
        var lower = false, upper = false, digit = false, symbol = false, hex = true
        for c in value.utf8 {
            switch c {
            case 0x61...0x7A:
                lower = true
                if c > 0x66 { hex = false }
            case 0x41...0x5A:
                upper = true
                if c > 0x46 { hex = false }
            case 0x30...0x39:
                digit = true
            case UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "_"), UInt8(ascii: "-"):
                symbol = true
                hex = false
            default: return false
            }
        }
        if hex && value.utf8.count >= 32 && digit { return true }
        return [lower, upper, digit, symbol].filter { $0 }.count >= 3
    }

    /// `value` trimmed of blanks and one pair of surrounding quotes.
    static func unquoted(_ value: String) -> String {
        var s = Substring(value).trimmingSpaces
        if s.count >= 2, let f = s.first, f == s.last, f == "\"" || f == "'" { s = s.dropFirst().dropLast() }
        return String(s)
    }
}
