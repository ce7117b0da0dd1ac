/// Decides whether a variable, label or option name looks like it holds a secret, and whether a value
/// is an obvious non-secret (empty, a `$VAR` reference, a path, a boolean).
enum SecretKeyNames {
    /// Name segments that mark a secret on their own.
    private static let sensitiveSegments: Set<String> = [
        "password", "passwords", "passwd", "pwd", "pass", "passphrase", "secret", "secrets", "token", "tokens",
        "apikey", "apikeys", "accesskey", "privatekey", "secretkey", "clientsecret", "auth", "authtoken",
        "accesstoken", "credential", "credentials", "creds", "pat", "bearer",
    ]

    /// Words ending in `pass` that are not passwords.
    private static let notPasswords: Set<String> = [
        "bypass", "compass", "encompass", "overpass", "underpass", "trespass", "surpass", "impass", "multipass",
    ]

    /// Two consecutive segments that mark a secret (`API_KEY`, `access-key`, `privateKey`).
    private static let sensitivePairs: Set<[String]> = [
        ["api", "key"], ["access", "key"], ["private", "key"], ["signing", "key"], ["encryption", "key"],
        ["master", "key"], ["account", "key"], ["app", "key"], ["client", "key"], ["license", "key"],
    ]

    /// Last segments that make a name describe a secret instead of holding one (`DB_PASSWORD_FILE`,
    /// `TOKEN_URL`, `SECRET_NAME`, `AUTH_ENABLED`).
    private static let benignSuffixes: Set<String> = [
        "file", "files", "path", "paths", "dir", "dirs", "directory", "folder", "location", "url", "uri", "urls",
        "version", "ver", "enabled", "enable", "disabled", "disable", "mode", "type", "name", "names", "user",
        "username", "users", "host", "hostname", "server", "domain", "endpoint", "port", "realm", "provider",
        "method", "methods", "header", "field", "param", "scope", "scopes", "audience", "issuer", "ttl", "timeout",
        "expiry", "expiration", "expires", "lifetime", "length", "size", "min", "max", "count", "policy", "prefix",
        "suffix", "strategy", "backend", "store", "format", "algorithm", "algo", "stdin", "env", "var", "cmd",
        "command", "helper", "source", "required", "plugin", "class", "module", "handler",
    ]

    /// Lower-cased segments of `name`: split at non-alphanumerics and at lower→upper case changes
    /// (`dbPassword_FILE` → `db`, `password`, `file`).
    static func segments(_ name: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previousWasLower = false
        for ch in name {
            if ch.isLetter || ch.isNumber {
                if ch.isUppercase, previousWasLower, !current.isEmpty {
                    result.append(current)
                    current = ""
                }
                current.append(Character(ch.lowercased()))
                previousWasLower = ch.isLowercase || ch.isNumber
            } else {
                if !current.isEmpty { result.append(current) }
                current = ""
                previousWasLower = false
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// True when `name` looks like it names a secret: it contains a sensitive word and does not end in a
    /// word that makes it describe the secret instead (`_FILE`, `_PATH`, `_URL` …). `extra` are additional
    /// lower-case names from the settings; they match the whole name or one of its segments.
    static func isSensitive(_ name: String, extra: [String] = []) -> Bool {
        // Fast path: every sensitive segment or pair contains one of these fragments.
        if extra.isEmpty, !mayBeSensitive(name) { return false }
        let segs = segments(name)
        guard let last = segs.last else { return false }
        let lower = name.lowercased()
        if extra.contains(where: { !$0.isEmpty && (lower == $0.lowercased() || segs.contains($0.lowercased())) }) {
            return true
        }
        if benignSuffixes.contains(last) { return false }
        for (i, s) in segs.enumerated() {
            if sensitiveSegments.contains(s) { return true }
            if s.contains("password") || s.contains("passwd") || s.contains("secret") { return true }
            if s.count > 5, s.hasSuffix("token") || s.hasSuffix("apikey") { return true }
            // `ROOTPASS`, `DBPASS`, `ADMINPWD`, but not `BYPASS` or `COMPASS`.
            if s.count > 5, s.hasSuffix("pass") || s.hasSuffix("pwd"), !notPasswords.contains(s) { return true }
            if i + 1 < segs.count, sensitivePairs.contains([s, segs[i + 1]]) { return true }
        }
        return false
    }

    private static let fragments: [[UInt8]] = [
        "pass", "pwd", "secret", "token", "key", "auth", "cred", "pat", "bearer",
    ]
    .map { Array($0.utf8) }

    /// False when no fragment of a sensitive word occurs in `name` (ASCII case-insensitive).
    static func mayBeSensitive(_ name: String) -> Bool {
        let lower = name.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        if lower.contains(where: { $0 >= 0x80 }) { return true }
        for f in fragments where lower.count >= f.count {
            var i = 0
            while i + f.count <= lower.count {
                if lower[i] == f[0] && Array(lower[i..<i + f.count]) == f { return true }
                i += 1
            }
        }
        return false
    }

    /// Values that are deliberately not secrets: build-time dummies (`SECRET_KEY_BASE=dummy` for Rails asset
    /// builds) and publicly known defaults (`changeit`, the JDK trust-store password).
    private static let placeholders: Set<String> = [
        "dummy", "placeholder", "changeit", "notsecret", "not-a-secret", "not_a_secret", "unused", "fake",
        "redacted", "example", "none", "unset", "todo", "tbd",
    ]

    /// True for values that cannot be a hard-coded secret: empty, only variable references, booleans,
    /// short numbers, absolute or relative paths, file names and URLs without credentials.
    static func isObviouslyNotSecret(_ value: String) -> Bool {
        let v = value.trimmedAndUnquoted
        if v.isEmpty || v.contains("$") { return true }
        let lower = v.lowercased()
        let booleans: Set<String> = [
            "true", "false", "yes", "no", "on", "off", "none", "null", "nil", "enabled", "disabled", "0", "1", "-",
        ]
        if booleans.contains(lower) || placeholders.contains(lower) { return true }
        if v.count <= 5, v.allSatisfy(\.isNumber) { return true }
        if v.hasPrefix("/") || v.hasPrefix("./") || v.hasPrefix("../") || v.hasPrefix("~/") { return true }
        if v.contains("://") { return true }  // URLs: passwords inside them are found by the scanner.
        let fileExtensions = [
            ".json", ".pem", ".key", ".crt", ".cer", ".txt", ".yaml", ".yml", ".conf", ".cfg", ".ini", ".env", ".p12",
            ".pfx", ".jks", ".keystore", ".properties", ".xml", ".toml",
        ]
        if !v.contains(" "), fileExtensions.contains(where: { lower.hasSuffix($0) }) { return true }
        if v.hasPrefix("<"), v.hasSuffix(">") { return true }
        return false
    }
}

extension String {
    /// Trimmed of spaces and one pair of surrounding quotes.
    var trimmedAndUnquoted: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        if s.count >= 2, let f = s.first, f == s.last, f == "\"" || f == "'" { s = s.dropFirst().dropLast() }
        return String(s)
    }
}
