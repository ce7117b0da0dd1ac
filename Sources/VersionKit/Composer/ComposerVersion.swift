/// A Composer (Packagist) version, ordered like PHP's `version_compare` after dropping a leading `v`/`V`,
/// which is what the OSV corpus (osv-scalibr's Packagist fixtures, generated with PHP) and Composer's
/// `Comparator` do.
///
/// `-`, `_`, `+` and other non-alphanumeric characters become `.` (runs collapse to one) and a `.` is
/// inserted at every digit/non-digit boundary (PHP 8's `php_canonicalize_version`); the parts then
/// compare one by one: numbers numerically (any size; PHP's `strtol` would saturate, the corpus does not),
/// words by their special form `dev` < `alpha`/`a` < `beta`/`b` < `RC`/`rc` < number < `pl`/`p` (matched as
/// prefixes, case-sensitively; any other word sorts below `dev`). When one side runs out, a following
/// number makes the longer version greater and a following word compares against a number
/// (`1.0 < 1.0.0`, `1.0rc1 < 1.0 < 1.0pl1`).
///
/// Composer's own `VersionParser::normalize` (padding to four parts, `1.0` = `1.0.0.0`) is not applied:
/// the corpus orders the raw strings (`1.0.0 > 1.0`).
public struct ComposerVersion: EcosystemVersion {
    public static var ecosystem: String { "Packagist" }

    /// The text as given.
    public let text: String
    /// The version after dropping `v`/`V` and canonicalising (PHP's `php_canonicalize_version`).
    private let canonical: [UInt8]

    /// The longest accepted text, which bounds the comparison's recursion depth.
    public static let maximumLength = 256

    /// Parses `text`: up to ``maximumLength`` printable ASCII characters (after an optional leading `v`/`V`),
    /// starting with a letter or digit and not ending in a separator.
    public init(parsing text: String) throws(VersionParseError) {
        var bytes = Array(text.utf8)
        if let first = bytes.first, first == UInt8(ascii: "v") || first == UInt8(ascii: "V") {
            bytes.removeFirst()
        }
        guard !bytes.isEmpty else {
            throw VersionParseError(ecosystem: Self.ecosystem, input: text, reason: "empty version")
        }
        guard bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw VersionParseError(
                ecosystem: Self.ecosystem,
                input: text,
                reason: "version contains whitespace or non-ASCII characters"
            )
        }
        guard bytes.count <= Self.maximumLength else {
            throw VersionParseError(ecosystem: Self.ecosystem, input: text, reason: "version is too long")
        }
        guard Self.isAlphanumeric(bytes[0]) else {
            throw VersionParseError(
                ecosystem: Self.ecosystem,
                input: text,
                reason: "version must start with a letter or digit"
            )
        }
        let canonical = Self.canonicalize(bytes)
        // PHP orders `1.0-` below itself (an empty last part compares as -1), which no order can represent.
        guard canonical.last != UInt8(ascii: ".") else {
            throw VersionParseError(ecosystem: Self.ecosystem, input: text, reason: "version ends with a separator")
        }
        self.text = text
        self.canonical = canonical
    }

    public var description: String { text }

    public static func == (lhs: Self, rhs: Self) -> Bool { compare(lhs.canonical, rhs.canonical) == 0 }
    public static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs.canonical, rhs.canonical) < 0 }

    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
    static func isNonDigit(_ byte: UInt8) -> Bool { !isDigit(byte) && byte != UInt8(ascii: ".") }

    static func canonicalize(_ version: [UInt8]) -> [UInt8] {
        guard let first = version.first else { return [] }
        let dot = UInt8(ascii: ".")
        var result: [UInt8] = [first]
        var previous = first
        for byte in version.dropFirst() {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+") {
                if result.last != dot { result.append(dot) }
            } else if (isNonDigit(previous) && isDigit(byte)) || (isDigit(previous) && isNonDigit(byte)) {
                if result.last != dot { result.append(dot) }
                result.append(byte)
            } else if !isAlphanumeric(byte) {
                if result.last != dot { result.append(dot) }
            } else {
                result.append(byte)
            }
            previous = byte
        }
        return result
    }

    static let numberForm: [UInt8] = Array("#N#".utf8)

    /// PHP's `compare_special_version_forms` rank of a word.
    static func specialRank(_ form: ArraySlice<UInt8>) -> Int {
        let forms: [(String, Int)] = [
            ("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5),
            ("p", 5),
        ]
        for (name, rank) in forms where form.starts(with: name.utf8) { return rank }
        return -1
    }

    static func sign(_ value: Int) -> Int { value < 0 ? -1 : (value > 0 ? 1 : 0) }

    static func compareNumbers(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        // The token is all digits here (canonicalisation splits at digit boundaries), except in
        // not-canonicalised `#…` text, where `strtol` reads the leading digits only.
        let x = a.prefix(while: isDigit).drop { $0 == UInt8(ascii: "0") }
        let y = b.prefix(while: isDigit).drop { $0 == UInt8(ascii: "0") }
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return 0
    }

    /// `php_version_compare` on canonical text (a faithful port of its token walk).
    static func compare(_ v1: [UInt8], _ v2: [UInt8]) -> Int {
        if v1.isEmpty || v2.isEmpty { return v1.isEmpty && v2.isEmpty ? 0 : (v1.isEmpty ? -1 : 1) }
        let dot = UInt8(ascii: ".")
        var p1 = 0
        var p2 = 0
        var n1: Int? = 0
        var n2: Int? = 0
        var result = 0
        while p1 < v1.count && p2 < v2.count && n1 != nil && n2 != nil {
            n1 = v1[p1...].firstIndex(of: dot)
            n2 = v2[p2...].firstIndex(of: dot)
            let token1 = v1[p1..<(n1 ?? v1.count)]
            let token2 = v2[p2..<(n2 ?? v2.count)]
            let digit1 = token1.first.map(isDigit) ?? false
            let digit2 = token2.first.map(isDigit) ?? false
            if digit1 && digit2 {
                result = compareNumbers(token1, token2)
            } else if !digit1 && !digit2 {
                result = sign(specialRank(token1) - specialRank(token2))
            } else if digit1 {
                result = sign(specialRank(numberForm[...]) - specialRank(token2))
            } else {
                result = sign(specialRank(token1) - specialRank(numberForm[...]))
            }
            if result != 0 { break }
            if let n1 { p1 = n1 + 1 }
            if let n2 { p2 = n2 + 1 }
        }
        if result == 0 {
            if n1 != nil {
                if p1 < v1.count && isDigit(v1[p1]) {
                    result = 1
                } else {
                    result = compareRaw(Array(v1[p1...]), numberForm)
                }
            } else if n2 != nil {
                if p2 < v2.count && isDigit(v2[p2]) {
                    result = -1
                } else {
                    result = compareRaw(numberForm, Array(v2[p2...]))
                }
            }
        }
        return result
    }

    /// `php_version_compare` on raw text: canonicalises unless the text starts with `#`.
    static func compareRaw(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty || b.isEmpty { return a.isEmpty && b.isEmpty ? 0 : (a.isEmpty ? -1 : 1) }
        let x = a[0] == UInt8(ascii: "#") ? a : canonicalize(a)
        let y = b[0] == UInt8(ascii: "#") ? b : canonicalize(b)
        return compare(x, y)
    }
}
