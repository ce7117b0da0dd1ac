/// Decides whether a variable, label or option name looks like it holds a secret.
///
/// Names are split into lower-case segments (`dbPassword_FILE` → `db`, `password`, `file`). A name is
/// sensitive when a segment is a secret word (`password`, `token`, `secret` …) or two segments form one
/// (`API_KEY`, `private-key`), unless its last segment makes it describe the secret instead of holding it
/// (`_FILE`, `_PATH`, `_URL`, `_ENABLED` …). Public identifiers that merely contain `KEY` (`GPG_KEY`,
/// `NGINX_GPGKEY`, `KEYBOARD`) are not sensitive.
enum SecretKeyNames {
    private static let sensitiveSegments: Set<String> = [
        "password", "passwords", "passwd", "pwd", "pass", "passphrase", "secret", "secrets", "token", "tokens",
        "apikey", "apikeys", "accesskey", "privatekey", "secretkey", "clientsecret", "authtoken", "accesstoken",
        "credential", "credentials", "creds", "bearer",
    ]

    /// Words ending in `pass` that are not passwords.
    private static let notPasswords: Set<String> = [
        "bypass", "compass", "encompass", "overpass", "underpass", "trespass", "surpass", "impass", "multipass",
    ]

    private static let sensitivePairs: Set<[String]> = [
        ["api", "key"], ["access", "key"], ["private", "key"], ["signing", "key"], ["encryption", "key"],
        ["master", "key"], ["account", "key"], ["app", "key"], ["client", "key"], ["license", "key"],
        ["secret", "key"], ["auth", "key"],
    ]

    /// Segments that mark public material: a GPG key id is not a secret.
    private static let publicSegments: Set<String> = [
        "gpg", "pgp", "gpgkey", "gpgkeys", "pgpkey", "fingerprint", "fingerprints", "public", "pub", "sha256",
        "sha512", "sha1", "md5", "checksum", "hash",
    ]

    private static let benignSuffixes: Set<String> = [
        "file", "files", "path", "paths", "dir", "dirs", "directory", "folder", "location", "url", "uri", "urls",
        "version", "ver", "enabled", "enable", "disabled", "disable", "mode", "type", "name", "names", "user",
        "username", "users", "host", "hostname", "server", "domain", "endpoint", "port", "realm", "provider",
        "method", "methods", "header", "field", "param", "scope", "scopes", "audience", "issuer", "ttl", "timeout",
        "expiry", "expiration", "expires", "lifetime", "length", "size", "min", "max", "count", "policy", "prefix",
        "suffix", "strategy", "backend", "store", "format", "algorithm", "algo", "stdin", "env", "var", "cmd",
        "command", "helper", "source", "required", "plugin", "class", "module", "handler", "id", "ids", "arn",
    ]

    /// Lower-cased segments of `name`, split at non-alphanumerics and at lower→upper case changes.
    static func segments(_ name: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        var previousWasLower = false
        for c in name.utf8 {
            let upper = c >= 0x41 && c <= 0x5A
            let lower = c >= 0x61 && c <= 0x7A
            let digit = c >= 0x30 && c <= 0x39
            if upper || lower || digit || c >= 0x80 {
                if upper, previousWasLower, !current.isEmpty {
                    result.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
                current.append(upper ? c + 0x20 : c)
                previousWasLower = lower || digit
            } else {
                if !current.isEmpty { result.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll(keepingCapacity: true)
                previousWasLower = false
            }
        }
        if !current.isEmpty { result.append(String(decoding: current, as: UTF8.self)) }
        return result
    }

    /// True when `name` looks like it names a secret.
    static func isSensitive(_ name: String) -> Bool {
        guard mayBeSensitive(name) else { return false }
        let segs = segments(name)
        guard let last = segs.last else { return false }
        if benignSuffixes.contains(last) { return false }
        if segs.contains(where: { publicSegments.contains($0) }) { return false }
        for (i, s) in segs.enumerated() {
            if sensitiveSegments.contains(s) { return true }
            if s.contains("password") || s.contains("passwd") || s.contains("secret") { return true }
            if s.count > 5, s.hasSuffix("token") || s.hasSuffix("apikey") { return true }
            if s.count > 5, s.hasSuffix("pass") || s.hasSuffix("pwd"), !notPasswords.contains(s) { return true }
            if i + 1 < segs.count, sensitivePairs.contains([s, segs[i + 1]]) { return true }
        }
        return false
    }

    /// True for names that end in `key`/`keys` (`KEY`, `SSH_KEY`, `deployKey`) without being public material:
    /// such a name holds a secret when its value looks random (``SecretValues/looksRandom(_:)``).
    static func isKeyLike(_ name: String) -> Bool {
        let segs = segments(name)
        guard let last = segs.last, last == "key" || last == "keys" else { return false }
        return !segs.contains { publicSegments.contains($0) }
    }

    /// The name/value test every check uses: a sensitive name with a literal value, or a key-like name with a
    /// random-looking value.
    static func holdsSecret(name: String, value: String) -> Bool {
        if isSensitive(name) { return !SecretValues.isObviouslyNotSecret(value) }
        return isKeyLike(name) && SecretValues.looksRandom(SecretValues.unquoted(value))
    }

    private static let fragments: [[UInt8]] = ["pass", "pwd", "secret", "token", "key", "cred", "bearer"].map {
        Array($0.utf8)
    }

    /// False when no fragment of a sensitive word occurs in `name` (ASCII case-insensitive): the fast path.
    static func mayBeSensitive(_ name: String) -> Bool {
        let lower = name.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        if lower.contains(where: { $0 >= 0x80 }) { return true }
        for f in fragments where SecretPatterns.indexOf(f, in: lower, from: 0) != nil { return true }
        return false
    }
}
