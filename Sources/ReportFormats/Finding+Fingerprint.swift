import SecurityModel

extension Finding {
    /// The identity fingerprints are computed from: rule id, place (file, or the most specific
    /// non-file location) and the trimmed snippet, falling back to the message when there is no snippet.
    ///
    /// Line numbers are deliberately left out so that a finding keeps its fingerprint when lines are
    /// inserted above it. Snippets and messages arrive redacted, so no secret reaches the hash input.
    var fingerprintKey: String {
        let place = location.file.map { $0 == "-" ? "stdin" : $0 } ?? location.displayName
        let content = location.snippet.map(Self.trimmed) ?? message
        return [ruleID, place, content].joined(separator: "\u{0}")
    }

    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

/// Hands out fingerprint keys that are unique within one report: the second and later findings with
/// the same ``Finding/fingerprintKey`` get an occurrence number appended (as GitHub's
/// `primaryLocationLineHash` does), so identical lines in one file stay distinguishable.
struct FingerprintKeys {
    private var seen: [String: Int] = [:]

    /// The unique key for the next finding, in report order.
    mutating func next(for finding: Finding) -> String {
        let base = finding.fingerprintKey
        let count = seen[base, default: 0] + 1
        seen[base] = count
        return count == 1 ? base : base + "\u{0}#\(count)"
    }

    /// 16 hex digits: one FNV-1a 64 run over `key`.
    static func hex64(_ key: String) -> String {
        FNV1a64.hex(FNV1a64.hash(key))
    }

    /// 32 hex digits: two independent FNV-1a 64 runs over `key` (standard basis, then a second seed).
    static func hex128(_ key: String) -> String {
        FNV1a64.hex(FNV1a64.hash(key)) + FNV1a64.hex(FNV1a64.hash(key, seed: secondSeed))
    }

    /// Seed of the second run: any constant other than the offset basis (here the low half of the
    /// FNV-1a 128 offset basis).
    private static let secondSeed: UInt64 = 0x62b8_2175_6295_c58d
}
