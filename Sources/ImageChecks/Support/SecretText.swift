/// Finds secrets in free text (history commands, environment values, labels) and masks them.
///
/// Three sources: token shapes (``SecretPatterns``), `NAME=value` words whose name is sensitive
/// (`DB_PASSWORD=…`, `--password=…`, build arguments recorded as `|1 TOKEN=…`), and credentials on a
/// command line (`curl -u user:pass`, `Authorization: Bearer …` headers).
enum SecretText {
    /// What is masked in place of a secret.
    static let mask = "********"

    /// A secret found in text. `name` is the variable or option that held it (safe to show), if any.
    struct Hit: Sendable, Hashable {
        var kind: String
        var name: String?
        var value: String
    }

    /// Every secret in `text`.
    static func find(in text: String) -> [Hit] {
        var hits = SecretPatterns.scan(text).map { Hit(kind: $0.kind, name: nil, value: $0.value) }
        // Cheap pre-checks before tokenising.
        let mayAssign = text.utf8.contains(UInt8(ascii: "="))
        let mayAuth = text.utf8.contains(UInt8(ascii: ":"))
        guard mayAssign || mayAuth else { return hits }
        let words = ShellScript.words(in: text)
        var previous = ""
        for word in words {
            defer { previous = word }
            if mayAssign, let hit = assignment(word) {
                hits.append(hit)
                continue
            }
            if previous == "-u" || previous == "--user" || previous == "--proxy-user",
                let colon = word.firstIndex(of: ":")
            {
                let password = String(word[word.index(after: colon)...])
                if SecretValues.isLiteral(password), !password.allSatisfy(\.isNumber) {
                    hits.append(Hit(kind: "password on the command line", name: previous, value: password))
                }
                continue
            }
            if let hit = authorizationHeader(word) { hits.append(hit) }
        }
        return hits
    }

    /// `NAME=value` with a sensitive NAME (dashes of `--option=` stripped) and a literal value.
    private static func assignment(_ word: String) -> Hit? {
        guard let eq = word.firstIndex(of: "=") else { return nil }
        var name = Substring(word[..<eq])
        while name.first == "-" { name = name.dropFirst() }
        guard !name.isEmpty, !name.contains(" "), !name.contains("/") else { return nil }
        let value = String(word[word.index(after: eq)...])
        let nameString = String(name)
        guard SecretKeyNames.holdsSecret(name: nameString, value: value) else { return nil }
        return Hit(kind: "hard-coded value", name: nameString, value: SecretValues.unquoted(value))
    }

    /// `Authorization: Bearer <token>` / `Authorization: Basic <b64>` / `Authorization: token <t>`.
    private static func authorizationHeader(_ word: String) -> Hit? {
        let lower = word.lowercased()
        guard lower.hasPrefix("authorization:") || lower.hasPrefix("private-token:") || lower.hasPrefix("x-api-key:")
        else { return nil }
        guard let colon = word.firstIndex(of: ":") else { return nil }
        let parts = word[word.index(after: colon)...].split(separator: " ")
        guard let credential = parts.last, parts.count <= 2 else { return nil }
        let value = String(credential)
        guard SecretValues.isLiteral(value), value.count >= 8 else { return nil }
        return Hit(kind: "credential in an HTTP header", name: nil, value: value)
    }

    /// `text` with every secret replaced by ``mask``. When a secret cannot be located literally in the
    /// text (it was written with escapes), the whole text is withheld: nothing secret is ever returned.
    static func redact(_ text: String) -> String {
        let hits = find(in: text)
        guard !hits.isEmpty else { return text }
        return redact(text, values: hits.map(\.value))
    }

    /// `text` with each of `values` (and each of their lines) masked; withheld entirely when a value
    /// survives the masking.
    static func redact(_ text: String, values: [String]) -> String {
        var pieces: Set<String> = []
        for value in values {
            let trimmed = String(Substring(value).trimmingSpaces)
            if !trimmed.isEmpty { pieces.insert(trimmed) }
            for line in value.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
                let l = String(line.trimmingSpaces)
                if l.count >= 4 { pieces.insert(l) }
            }
        }
        var result = text
        for piece in pieces.sorted(by: { $0.count > $1.count }) {
            result = result.replacing(piece, with: mask)
        }
        let leaked = pieces.contains { $0.count >= 3 && result.contains($0) } || !find(in: result).isEmpty
        return leaked ? "[withheld: contains a secret]" : result
    }

    /// `text` cut to at most `limit` characters (after redaction, so a cut never exposes a partial secret).
    static func excerpt(_ text: String, limit: Int = 160) -> String {
        let flat = String(text.map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 })
        guard flat.count > limit else { return flat }
        return String(flat.prefix(limit - 1)) + "…"
    }
}
