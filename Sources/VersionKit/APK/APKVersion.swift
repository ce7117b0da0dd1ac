/// An Alpine package version, ordered as apk-tools orders it (`apk version -t`; `src/version.c` of
/// apk-tools 2.14 / 3, whose grammar and comparison this type follows token by token).
///
/// Grammar: `digits{.digits}[letter]{_suffix[digits]}[~hash][-rdigits]`. The pre-release suffixes
/// `_alpha < _beta < _pre < _rc` sort before the bare version and the post-release suffixes
/// `_cvs < _svn < _git < _hg < _p` after it. Tokens are compared pairwise while they are of the same
/// kind: numbers numerically, except that a dotted component with a leading zero compares as a string
/// (Gentoo's rule, so `1.05 < 1.5` and `1.0 < 1.00`); letters and suffixes by rank; commit hashes as
/// strings. When one version runs out of matching tokens first, the other is greater unless its next
/// token is a pre-release suffix (`1.2_rc1 < 1.2 < 1.2-r0 < 1.2_p1 < 1.2a < 1.2.1`).
///
/// Input outside the grammar (`a`, `1.0bc`, `1..2`, `1-r`, `1.2.0A`, `1_blah`, `6.6.2p1`) throws
/// ``VersionParseError``, as do numbers of more than 18 digits (apk-tools reads them as a `uint64_t`
/// that can overflow; we refuse rather than guess).
public struct APKVersion: EcosystemVersion {
    /// `Alpine`, as in OSV.
    public static var ecosystem: String { "Alpine" }

    /// The text as given.
    public let description: String
    private let tokens: [Token]

    /// Parses `text`, accepting exactly what apk-tools' `apk_version_validate` accepts (apart from
    /// numbers longer than 18 digits).
    public init(parsing text: String) throws(VersionParseError) {
        guard let tokens = Self.tokenize(Array(text.utf8)) else {
            throw VersionParseError(
                ecosystem: Self.ecosystem,
                input: text,
                reason: "not of the form digits{.digits}[a-z]{_suffix[N]}[~hash][-rN]"
            )
        }
        self.tokens = tokens
        self.description = text
    }

    /// apk-tools' three-way comparison: -1, 0 or 1.
    public static func compare(_ lhs: APKVersion, _ rhs: APKVersion) -> Int {
        var index = 0
        while index < lhs.tokens.count, index < rhs.tokens.count, lhs.tokens[index].kind == rhs.tokens[index].kind {
            let order = lhs.tokens[index].compare(rhs.tokens[index])
            if order != 0 { return order }
            index += 1
        }
        let left: Token? = index < lhs.tokens.count ? lhs.tokens[index] : nil
        let right: Token? = index < rhs.tokens.count ? rhs.tokens[index] : nil
        if left == nil && right == nil { return 0 }
        if let left, left.kind == .suffix, left.number < 0 { return -1 }
        if let right, right.kind == .suffix, right.number < 0 { return 1 }
        // The later kind (END counting as the latest of all) sorts lower.
        let leftKind = left?.kind.rawValue ?? Kind.end.rawValue
        let rightKind = right?.kind.rawValue ?? Kind.end.rawValue
        if leftKind > rightKind { return -1 }
        if rightKind > leftKind { return 1 }
        return 0
    }

    public static func < (lhs: APKVersion, rhs: APKVersion) -> Bool { compare(lhs, rhs) < 0 }
    public static func == (lhs: APKVersion, rhs: APKVersion) -> Bool { compare(lhs, rhs) == 0 }

    /// apk-tools' token kinds, in its order.
    private enum Kind: Int {
        case initialDigit, digit, letter, suffix, suffixNumber, commitHash, revisionNumber, end
    }

    /// One token: its kind, its text, and its number (for suffixes, the rank: negative before release).
    private struct Token: Equatable {
        var kind: Kind
        var text: ArraySlice<UInt8>
        var number: Int

        func compare(_ other: Token) -> Int {
            switch kind {
            case .digit where text.first == UInt8(ascii: "0") || other.text.first == UInt8(ascii: "0"),
                .commitHash, .end:
                return Self.lexicographic(text, other.text)
            case .initialDigit, .digit, .suffixNumber, .revisionNumber, .suffix:
                return number == other.number ? 0 : (number < other.number ? -1 : 1)
            case .letter:
                return Self.lexicographic(text, other.text)
            }
        }

        /// `apk_blob_sort`: bytewise, then the shorter first.
        static func lexicographic(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
            for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
            if a.count == b.count { return 0 }
            return a.count < b.count ? -1 : 1
        }
    }

    /// Suffix names and their ranks relative to the bare version (`NONE` = 0 in apk-tools).
    private static let suffixRanks: [(name: [UInt8], rank: Int)] = [
        ("alpha", -4), ("beta", -3), ("pre", -2), ("rc", -1), ("cvs", 1), ("svn", 2), ("git", 3), ("hg", 4),
        ("p", 5),
    ].map { (Array($0.0.utf8), $0.1) }

    /// apk-tools' `token_first`/`token_next` over the whole string; nil when the string is invalid.
    private static func tokenize(_ bytes: [UInt8]) -> [Token]? {
        var index = 0
        func span(_ accept: (UInt8) -> Bool) -> Range<Int> {
            let start = index
            while index < bytes.count, accept(bytes[index]) { index += 1 }
            return start..<index
        }
        func number(_ kind: Kind) -> Token? {
            let range = span(isDigit)
            if range.isEmpty || range.count > 18 { return nil }
            var value = 0
            for byte in bytes[range] { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
            return Token(kind: kind, text: bytes[range], number: value)
        }
        guard let first = number(.initialDigit) else { return nil }
        var tokens = [first]
        var current = Kind.initialDigit
        while index < bytes.count {
            let byte = bytes[index]
            var token: Token?
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                if current.rawValue > Kind.digit.rawValue { return nil }
                token = Token(kind: .letter, text: bytes[index..<(index + 1)], number: Int(byte))
                index += 1
            case UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if byte == UInt8(ascii: ".") {
                    if current.rawValue > Kind.digit.rawValue { return nil }
                    index += 1
                }
                switch current {
                case .initialDigit, .digit: token = number(.digit)
                case .suffix: token = number(.suffixNumber)
                default: return nil
                }
            case UInt8(ascii: "_"):
                if current.rawValue > Kind.suffixNumber.rawValue { return nil }
                index += 1
                let range = span { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
                guard let rank = suffixRanks.first(where: { $0.name[...] == bytes[range] })?.rank else { return nil }
                token = Token(kind: .suffix, text: bytes[range], number: rank)
            case UInt8(ascii: "~"):
                if current.rawValue >= Kind.commitHash.rawValue { return nil }
                index += 1
                let range = span { isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) }
                if range.isEmpty { return nil }
                token = Token(kind: .commitHash, text: bytes[range], number: 0)
            case UInt8(ascii: "-"):
                if current.rawValue >= Kind.revisionNumber.rawValue { return nil }
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "r") else { return nil }
                index += 2
                token = number(.revisionNumber)
            default:
                return nil
            }
            guard let token else { return nil }
            tokens.append(token)
            current = token.kind
        }
        return tokens
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
