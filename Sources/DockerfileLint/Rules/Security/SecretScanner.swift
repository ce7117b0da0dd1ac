import DockerfileSyntax

/// A credential found in a piece of text: what kind it is and the exact secret text to mask.
struct SecretMatch: Sendable, Hashable {
    /// Human-readable kind (`GitHub token`), safe to show.
    var kind: String
    /// The secret text itself; never shown, only used for redaction.
    var value: String
}

/// Finds well-known credential formats in text by their shape (prefixes, lengths, markers).
///
/// Hand-written byte scanners instead of `Regex`: they are `Sendable`, allocation-light and fast enough to run
/// over every instruction of every file.
enum SecretScanner {
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
            case .upperAlnum: SecretScanner.isUpperAlnum(c)
            case .alnum: SecretScanner.isAlnum(c)
            case .alnumUnderscore: SecretScanner.isAlnum(c) || c == UInt8(ascii: "_")
            case .alnumDash: SecretScanner.isAlnum(c) || c == UInt8(ascii: "-")
            case .base64URL: SecretScanner.isBase64URL(c)
            }
        }
    }

    private static func isUpperAlnum(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
    }

    static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
    }

    private static func isBase64URL(_ c: UInt8) -> Bool {
        isAlnum(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
    }

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
        PrefixedToken(
            prefixes: ["github_pat_"],
            kind: "GitHub token",
            body: .alnumUnderscore,
            minimumBody: 22
        ),
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
    ]

    /// Every credential found in `text`, in order of appearance per kind.
    static func scan(_ text: String) -> [SecretMatch] {
        let b = Array(text.utf8)
        guard b.count >= 8 else { return [] }
        var result: [SecretMatch] = []
        result += prefixedTokens(b)
        result += jsonWebTokens(b)
        result += privateKeys(b)
        result += awsSecretAssignments(b)
        result += urlPasswords(b)
        return result
    }

    private static func text(_ b: [UInt8], _ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }

    private static func hasPrefix(_ b: [UInt8], at i: Int, _ prefix: [UInt8], caseInsensitive: Bool = false) -> Bool {
        guard i + prefix.count <= b.count else { return false }
        for k in 0..<prefix.count {
            var c = b[i + k]
            if caseInsensitive, c >= 0x41, c <= 0x5A { c += 0x20 }
            if c != prefix[k] { return false }
        }
        return true
    }

    /// Every (prefix bytes, token index) pair, built once.
    private static let prefixTable: [(prefix: [UInt8], token: Int)] = tokens.enumerated().flatMap { index, token in
        token.prefixes.map { (Array($0.utf8), index) }
    }

    /// First bytes that can start a prefixed token.
    private static let prefixStarts: Set<UInt8> = Set(prefixTable.compactMap(\.prefix.first))

    private static func prefixedTokens(_ b: [UInt8]) -> [SecretMatch] {
        var found: [(token: Int, match: SecretMatch)] = []
        var i = 0
        while i < b.count {
            guard prefixStarts.contains(b[i]), i == 0 || !isAlnum(b[i - 1]) else {
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
                    found.append((index, SecretMatch(kind: token.kind, value: text(b, i..<j))))
                    i = j
                    advanced = true
                    break
                }
            }
            if !advanced { i += 1 }
        }
        // Same order as scanning kind by kind.
        return found.sorted { $0.token < $1.token }.map(\.match)
    }

    /// `eyJ<header>.eyJ<payload>.<signature>`.
    private static func jsonWebTokens(_ b: [UInt8]) -> [SecretMatch] {
        var result: [SecretMatch] = []
        let marker = Array("eyJ".utf8)
        var i = 0
        while i + 3 <= b.count {
            guard hasPrefix(b, at: i, marker), i == 0 || !isBase64URL(b[i - 1]) else {
                i += 1
                continue
            }
            var j = i
            while j < b.count, isBase64URL(b[j]) { j += 1 }
            guard j - i >= 10, j < b.count, b[j] == UInt8(ascii: "."), hasPrefix(b, at: j + 1, marker) else {
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
            result.append(SecretMatch(kind: "JSON Web Token", value: text(b, i..<end)))
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
        var i = 0
        while i + begin.count <= b.count {
            guard hasPrefix(b, at: i, begin) else {
                i += 1
                continue
            }
            // The label runs up to the closing dashes on the same line.
            var j = i + begin.count
            while j < b.count, j - i < 80, b[j] != 0x0A, !hasPrefix(b, at: j, dashes) { j += 1 }
            let label = text(b, (i + begin.count)..<j)
            guard hasPrefix(b, at: j, dashes), label.hasSuffix("PRIVATE KEY") || label.hasSuffix("PRIVATE KEY BLOCK")
            else {
                i = j
                continue
            }
            let bodyStart = j + dashes.count
            var k = bodyStart
            while k < b.count, !hasPrefix(b, at: k, end) { k += 1 }
            let body = text(b, bodyStart..<k)
            result.append(SecretMatch(kind: "private key", value: body))
            i = max(k, i + 1)
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
                func skip(_ set: [Character]) {
                    while j < b.count, set.contains(Character(Unicode.Scalar(b[j]))) { j += 1 }
                }
                skip([" ", "\t", "\"", "'"])
                guard j < b.count, b[j] == UInt8(ascii: "=") || b[j] == UInt8(ascii: ":") else {
                    i = j
                    continue
                }
                j += 1
                skip([" ", "\t", "\"", "'"])
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

    /// `scheme://user:password@host` where the password is written literally (not `$VAR`).
    private static func urlPasswords(_ b: [UInt8]) -> [SecretMatch] {
        var result: [SecretMatch] = []
        let sep = Array("://".utf8)
        var i = 1
        while i + sep.count <= b.count {
            guard hasPrefix(b, at: i, sep) else {
                i += 1
                continue
            }
            // Scheme: letters, digits, + . - before "://", starting with a letter.
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
            i = e
            guard schemeLength >= 2, b[s] >= 0x41, (b[s] | 0x20) >= 0x61, (b[s] | 0x20) <= 0x7A else { continue }
            guard let at = b[authorityStart..<e].lastIndex(of: UInt8(ascii: "@")), at + 1 < e else { continue }
            guard let colon = b[authorityStart..<at].firstIndex(of: UInt8(ascii: ":")), colon > authorityStart else {
                continue
            }
            let password = text(b, (colon + 1)..<at)
            if isLiteralSecret(password) {
                result.append(SecretMatch(kind: "password in URL", value: password))
            }
        }
        return result
    }

    private static func isAuthorityEnd(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: "#") || c == 0x20 || c == 0x09
            || c == 0x0A || c == 0x0D || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "<")
            || c == UInt8(ascii: ">") || c == UInt8(ascii: "`") || c == UInt8(ascii: ";") || c == UInt8(ascii: "|")
            || c == UInt8(ascii: "&") || c == UInt8(ascii: ")")
    }

    /// True when `value` is a literal worth reporting: not empty, no shell/Dockerfile expansion, not a
    /// placeholder made of `*`, `x` or angle brackets.
    static func isLiteralSecret(_ value: String) -> Bool {
        guard !value.isEmpty, !value.contains("$") else { return false }
        if value.allSatisfy({ $0 == "*" || $0 == "x" || $0 == "X" || $0 == "." }) { return false }
        if value.hasPrefix("<"), value.hasSuffix(">") { return false }
        if value.hasPrefix("{{") || value.hasPrefix("%") { return false }
        return true
    }

    /// The strings to mask for a secret: the value itself and, for multi-line values, each line.
    static func redactions(for value: String) -> [String] {
        var pieces: [String] = []
        let normalized = value.replacing("\\n", with: "\n")
        for line in normalized.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let trimmed = String(line).trimmingSpaces
            if trimmed.count >= 4 { pieces.append(trimmed) }
        }
        let whole = value.trimmingSpaces
        if !whole.isEmpty, !pieces.contains(whole) { pieces.insert(whole, at: 0) }
        return pieces
    }

    /// Shannon entropy of `value` in bits per character.
    static func entropy(_ value: String) -> Double {
        var counts: [Character: Int] = [:]
        for c in value { counts[c, default: 0] += 1 }
        let n = Double(value.count)
        guard n > 0 else { return 0 }
        var h = 0.0
        for (_, k) in counts {
            let p = Double(k) / n
            h -= p * log2(p)
        }
        return h
    }

    /// Base-2 logarithm without Foundation (natural log by series; precision is ample for entropy).
    private static func log2(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        // Reduce to m * 2^e with m in [1, 2).
        var m = x
        var e = 0.0
        while m >= 2 {
            m /= 2
            e += 1
        }
        while m < 1 {
            m *= 2
            e -= 1
        }
        // ln(m) = 2 * atanh((m-1)/(m+1)).
        let y = (m - 1) / (m + 1)
        var term = y
        var sum = 0.0
        var k = 1.0
        while k < 60 {
            sum += term / k
            term *= y * y
            k += 2
        }
        return e + 2 * sum / 0.6931471805599453
    }
}
