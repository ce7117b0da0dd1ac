/// A credential found in a piece of text: what kind it is and the exact secret text to mask.
struct SecretMatch: Sendable, Hashable {
    /// Human-readable kind (`GitHub token`), safe to show.
    var kind: String
    /// The secret text itself; never shown, only used for redaction.
    var value: String
}

/// Finds well-known credential formats in text by their shape (prefixes, lengths, markers).
///
/// Hand-written byte scanners instead of `Regex`: `Sendable`, allocation-light, and fast enough to run over
/// every history entry, environment variable and candidate file of an image. The same formats as the
/// Dockerfile linter's scanner (AWS, GitHub, GitLab, Slack, Stripe, Google, npm, JWT, private keys,
/// passwords in URLs).
enum SecretPatterns {
    /// A token that starts with a fixed prefix followed by a run of body characters.
    private struct PrefixedToken: Sendable {
        var prefixes: [String]
        var kind: String
        var body: CharacterClass
        var minimumBody: Int
        /// Exact body length when the format fixes it.
        var exactBody: Int?
    }

    /// The characters a token body may contain.
    private enum CharacterClass: Sendable {
        case upperAlnum, alnum, alnumUnderscore, alnumDash, base64URL

        func contains(_ c: UInt8) -> Bool {
            switch self {
            case .upperAlnum: (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
            case .alnum: SecretPatterns.isAlnum(c)
            case .alnumUnderscore: SecretPatterns.isAlnum(c) || c == UInt8(ascii: "_")
            case .alnumDash: SecretPatterns.isAlnum(c) || c == UInt8(ascii: "-")
            case .base64URL: SecretPatterns.isBase64URL(c)
            }
        }
    }

    static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
    }

    static func isBase64URL(_ c: UInt8) -> Bool { isAlnum(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") }

    private static func isBase64(_ c: UInt8) -> Bool {
        isAlnum(c) || c == UInt8(ascii: "/") || c == UInt8(ascii: "+")
    }

    private static let tokens: [PrefixedToken] = [
        PrefixedToken(
            prefixes: ["AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ABIA", "ACCA"],
            kind: "AWS access key ID",
            body: .upperAlnum,
            minimumBody: 16,
            exactBody: 16
        ),
        PrefixedToken(
            prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
            kind: "GitHub token",
            body: .alnum,
            minimumBody: 36
        ),
        PrefixedToken(prefixes: ["github_pat_"], kind: "GitHub token", body: .alnumUnderscore, minimumBody: 22),
        PrefixedToken(prefixes: ["glpat-"], kind: "GitLab token", body: .base64URL, minimumBody: 20),
        PrefixedToken(
            prefixes: ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"],
            kind: "Slack token",
            body: .alnumDash,
            minimumBody: 10
        ),
        PrefixedToken(prefixes: ["sk_live_", "rk_live_"], kind: "Stripe secret key", body: .alnum, minimumBody: 24),
        PrefixedToken(prefixes: ["AIza"], kind: "Google API key", body: .base64URL, minimumBody: 35, exactBody: 35),
        PrefixedToken(prefixes: ["npm_"], kind: "npm token", body: .alnum, minimumBody: 36, exactBody: 36),
        PrefixedToken(prefixes: ["pypi-"], kind: "PyPI token", body: .base64URL, minimumBody: 50),
    ]

    /// Every credential found in `text`.
    static func scan(_ text: String) -> [SecretMatch] { scan(bytes: Array(text.utf8)) }

    /// Every credential found in `b`.
    static func scan(bytes b: [UInt8]) -> [SecretMatch] {
        guard b.count >= 8 else { return [] }
        var result: [SecretMatch] = []
        result += prefixedTokens(b)
        result += jsonWebTokens(b)
        result += privateKeys(b)
        result += awsSecretAssignments(b)
        result += urlPasswords(b)
        return result
    }

    /// True when `b` holds a PEM or PuTTY private key header.
    static func containsPrivateKey(_ b: [UInt8]) -> Bool {
        !privateKeys(b).isEmpty || indexOf(Array("PuTTY-User-Key-File-".utf8), in: b, from: 0) != nil
    }

    private static func text(_ b: [UInt8], _ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }

    static func hasPrefix(_ b: [UInt8], at i: Int, _ prefix: [UInt8], caseInsensitive: Bool = false) -> Bool {
        guard i >= 0, i + prefix.count <= b.count else { return false }
        for k in 0..<prefix.count {
            var c = b[i + k]
            if caseInsensitive, c >= 0x41, c <= 0x5A { c += 0x20 }
            if c != prefix[k] { return false }
        }
        return true
    }

    /// First index of `needle` in `b` at or after `from`.
    static func indexOf(_ needle: [UInt8], in b: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, needle.count <= b.count else { return nil }
        var i = from
        while i + needle.count <= b.count {
            if b[i] == first, hasPrefix(b, at: i, needle) { return i }
            i += 1
        }
        return nil
    }

    /// Every (prefix bytes, token index) pair, built once.
    private static let prefixTable: [(prefix: [UInt8], token: Int)] = tokens.enumerated().flatMap { index, token in
        token.prefixes.map { (Array($0.utf8), index) }
    }

    /// First bytes that can start a prefixed token, as a 256-entry table.
    private static let prefixStarts: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for entry in prefixTable { if let f = entry.prefix.first { table[Int(f)] = true } }
        return table
    }()

    private static func prefixedTokens(_ b: [UInt8]) -> [SecretMatch] {
        var found: [SecretMatch] = []
        var i = 0
        while i < b.count {
            guard prefixStarts[Int(b[i])], i == 0 || !isAlnum(b[i - 1]) else {
                i += 1
                continue
            }
            var advanced = false
            for (p, index) in prefixTable where p[0] == b[i] && hasPrefix(b, at: i, p) {
                let token = tokens[index]
                var j = i + p.count
                while j < b.count, token.body.contains(b[j]) { j += 1 }
                let bodyLength = j - i - p.count
                let fits = token.exactBody.map { bodyLength == $0 } ?? (bodyLength >= token.minimumBody)
                if fits {
                    found.append(SecretMatch(kind: token.kind, value: text(b, i..<j)))
                    i = j
                    advanced = true
                    break
                }
            }
            if !advanced { i += 1 }
        }
        return found
    }

    /// `eyJ<header>.eyJ<payload>.<signature>`.
    private static func jsonWebTokens(_ b: [UInt8]) -> [SecretMatch] {
        var result: [SecretMatch] = []
        let marker = Array("eyJ".utf8)
        var i = 0
        while let start = indexOf(marker, in: b, from: i) {
            guard start == 0 || !isBase64URL(b[start - 1]) else {
                i = start + 1
                continue
            }
            var j = start
            while j < b.count, isBase64URL(b[j]) { j += 1 }
            guard j - start >= 10, j < b.count, b[j] == UInt8(ascii: "."), hasPrefix(b, at: j + 1, marker) else {
                i = j + 1
                continue
            }
            var k = j + 1
            while k < b.count, isBase64URL(b[k]) { k += 1 }
            guard k - j - 1 >= 10, k < b.count, b[k] == UInt8(ascii: ".") else {
                i = k
                continue
            }
            var end = k + 1
            while end < b.count, isBase64URL(b[end]) { end += 1 }
            result.append(SecretMatch(kind: "JSON Web Token", value: text(b, start..<end)))
            i = end
        }
        return result
    }

    /// `-----BEGIN [RSA |EC |OPENSSH |ENCRYPTED ]PRIVATE KEY-----` up to the matching END marker.
    private static func privateKeys(_ b: [UInt8]) -> [SecretMatch] {
        var result: [SecretMatch] = []
        let begin = Array("-----BEGIN ".utf8)
        let dashes = Array("-----".utf8)
        let end = Array("-----END ".utf8)
        let suffix = Array("PRIVATE KEY".utf8)
        let blockSuffix = Array("PRIVATE KEY BLOCK".utf8)
        var i = 0
        while let start = indexOf(begin, in: b, from: i) {
            var j = start + begin.count
            while j < b.count, j - start < 80, b[j] != 0x0A, !hasPrefix(b, at: j, dashes) { j += 1 }
            let labelEnd = j
            let isKey =
                hasPrefix(b, at: j, dashes)
                && (hasPrefix(b, at: labelEnd - suffix.count, suffix)
                    || hasPrefix(b, at: labelEnd - blockSuffix.count, blockSuffix))
            guard isKey else {
                i = max(j, start + 1)
                continue
            }
            let bodyStart = j + dashes.count
            let bodyEnd = indexOf(end, in: b, from: bodyStart) ?? b.count
            result.append(SecretMatch(kind: "private key", value: text(b, bodyStart..<bodyEnd)))
            i = max(bodyEnd, start + 1)
        }
        return result
    }

    /// `aws_secret_access_key = <40 base64 characters>` (any case; `=` or `:`; optional quotes).
    private static func awsSecretAssignments(_ b: [UInt8]) -> [SecretMatch] {
        var result: [SecretMatch] = []
        for name in ["aws_secret_access_key", "aws_secret_key"] {
            let n = Array(name.utf8)
            var i = 0
            while i + n.count <= b.count {
                guard hasPrefix(b, at: i, n, caseInsensitive: true) else {
                    i += 1
                    continue
                }
                var j = i + n.count
                while j < b.count, isQuoteOrBlank(b[j]) { j += 1 }
                guard j < b.count, b[j] == UInt8(ascii: "=") || b[j] == UInt8(ascii: ":") else {
                    i = j
                    continue
                }
                j += 1
                while j < b.count, isQuoteOrBlank(b[j]) { j += 1 }
                let start = j
                while j < b.count, isBase64(b[j]) { j += 1 }
                if j - start == 40 {
                    result.append(SecretMatch(kind: "AWS secret access key", value: text(b, start..<j)))
                }
                i = max(j, i + 1)
            }
        }
        return result
    }

    private static func isQuoteOrBlank(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'")
    }

    /// `scheme://user:password@host` where the password is written literally (not `$VAR`).
    private static func urlPasswords(_ b: [UInt8]) -> [SecretMatch] {
        var result: [SecretMatch] = []
        let sep = Array("://".utf8)
        var i = 1
        while let found = indexOf(sep, in: b, from: i) {
            i = found
            var s = i
            while s > 0,
                isAlnum(b[s - 1]) || b[s - 1] == UInt8(ascii: "+") || b[s - 1] == UInt8(ascii: ".")
                    || b[s - 1] == UInt8(ascii: "-")
            {
                s -= 1
            }
            let schemeLength = i - s
            let authorityStart = i + sep.count
            var e = authorityStart
            while e < b.count, !isAuthorityEnd(b[e]) { e += 1 }
            i = max(e, i + 1)
            guard schemeLength >= 2, (b[s] | 0x20) >= 0x61, (b[s] | 0x20) <= 0x7A else { continue }
            guard let at = b[authorityStart..<e].lastIndex(of: UInt8(ascii: "@")), at + 1 < e else { continue }
            guard let colon = b[authorityStart..<at].firstIndex(of: UInt8(ascii: ":")), colon > authorityStart else {
                continue
            }
            let password = text(b, (colon + 1)..<at)
            if SecretValues.isLiteral(password) {
                result.append(SecretMatch(kind: "password in URL", value: password))
            }
        }
        return result
    }

    private static func isAuthorityEnd(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "\""),
            UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"), UInt8(ascii: ";"),
            UInt8(ascii: "|"), UInt8(ascii: "&"), UInt8(ascii: ")"), UInt8(ascii: ","):
            true
        default: false
        }
    }
}
