/// A Debian package version, `[epoch:]upstream_version[-debian_revision]`, ordered as dpkg orders it
/// (`dpkg --compare-versions`, libapt's `debVS.CmpVersion`).
///
/// - The epoch is a run of decimal digits before the first `:` (absent means `0`); it is compared as
///   an unbounded non-negative number, so huge epochs never overflow.
/// - The revision is everything after the last `-` (absent means empty, which equals `0`).
/// - Upstream version and revision are compared with dpkg's `verrevcmp`: alternating non-digit runs,
///   compared character by character with `~` sorting before everything (even the end of the string),
///   letters before non-letters, and digit runs compared numerically.
///
/// Different spellings can be equal: `0:1.0-0`, `1.0` and `1.00` are the same version.
public struct DebianVersion: EcosystemVersion {
    /// `Debian`, as in OSV.
    public static var ecosystem: String { "Debian" }

    /// The epoch as decimal digits without leading zeros (`""` for epoch 0 or none).
    public let epoch: String
    /// The upstream version (between the epoch and the last hyphen).
    public let upstream: String
    /// The Debian revision (after the last hyphen), or `""` when there is none.
    public let revision: String
    /// The text as given.
    public let description: String

    /// Parses `text` with dpkg's rules (`parseversion`): surrounding whitespace is ignored; the epoch
    /// must be digits; the upstream version must be non-empty and start with a digit; only
    /// alphanumerics and `.+~-:` may appear in the upstream version and alphanumerics and `.+~` in the
    /// revision; a trailing `-` (empty revision) is invalid.
    public init(parsing text: String) throws(VersionParseError) {
        func fail(_ reason: String) -> VersionParseError {
            VersionParseError(ecosystem: Self.ecosystem, input: text, reason: reason)
        }
        var bytes = Array(text.utf8)
        while let last = bytes.last, Self.isSpace(last) { bytes.removeLast() }
        var start = 0
        while start < bytes.count, Self.isSpace(bytes[start]) { start += 1 }
        bytes = Array(bytes[start...])
        if bytes.isEmpty { throw fail("version string is empty") }
        if bytes.contains(where: Self.isSpace) { throw fail("version string has embedded spaces") }

        var epochBytes: ArraySlice<UInt8> = []
        var rest = bytes[...]
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            epochBytes = bytes[..<colon]
            rest = bytes[(colon + 1)...]
            if epochBytes.isEmpty { throw fail("epoch in version is empty") }
            if !epochBytes.allSatisfy(Self.isDigit) { throw fail("epoch in version is not a number") }
        }
        var upstreamBytes = rest
        var revisionBytes: ArraySlice<UInt8> = []
        if let hyphen = rest.lastIndex(of: UInt8(ascii: "-")) {
            upstreamBytes = rest[rest.startIndex..<hyphen]
            revisionBytes = rest[(hyphen + 1)...]
            if revisionBytes.isEmpty { throw fail("revision number is empty") }
        }
        guard let first = upstreamBytes.first else { throw fail("version number is empty") }
        if !Self.isDigit(first) { throw fail("version number does not start with digit") }
        let upstreamExtras: [UInt8] = Array(".+~-:".utf8)
        if !upstreamBytes.allSatisfy({ Self.isAlphanumeric($0) || upstreamExtras.contains($0) }) {
            throw fail("invalid character in version number")
        }
        let revisionExtras: [UInt8] = Array(".+~".utf8)
        if !revisionBytes.allSatisfy({ Self.isAlphanumeric($0) || revisionExtras.contains($0) }) {
            throw fail("invalid character in revision number")
        }
        let significantEpoch = epochBytes.drop(while: { $0 == UInt8(ascii: "0") })
        self.epoch = String(decoding: significantEpoch, as: UTF8.self)
        self.upstream = String(decoding: upstreamBytes, as: UTF8.self)
        self.revision = String(decoding: revisionBytes, as: UTF8.self)
        self.description = text
    }

    /// dpkg's three-way comparison: negative, zero or positive.
    public static func compare(_ lhs: DebianVersion, _ rhs: DebianVersion) -> Int {
        let lhsEpoch = Array(lhs.epoch.utf8)
        let rhsEpoch = Array(rhs.epoch.utf8)
        if lhsEpoch.count != rhsEpoch.count { return lhsEpoch.count < rhsEpoch.count ? -1 : 1 }
        for (left, right) in zip(lhsEpoch, rhsEpoch) where left != right { return left < right ? -1 : 1 }
        let upstream = verrevcmp(Array(lhs.upstream.utf8), Array(rhs.upstream.utf8))
        if upstream != 0 { return upstream }
        return verrevcmp(Array(lhs.revision.utf8), Array(rhs.revision.utf8))
    }

    public static func < (lhs: DebianVersion, rhs: DebianVersion) -> Bool { compare(lhs, rhs) < 0 }
    public static func == (lhs: DebianVersion, rhs: DebianVersion) -> Bool { compare(lhs, rhs) == 0 }

    /// dpkg's character weight: `~` lowest, then end-of-string and digits, then letters, then the rest.
    private static func order(_ byte: UInt8?) -> Int {
        guard let byte else { return 0 }
        if isDigit(byte) { return 0 }
        if isLetter(byte) { return Int(byte) }
        if byte == UInt8(ascii: "~") { return -1 }
        return Int(byte) + 256
    }

    /// dpkg's `verrevcmp`, with digit runs compared by length after stripping leading zeros (no overflow).
    private static func verrevcmp(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0
        var j = 0
        func at(_ s: [UInt8], _ k: Int) -> UInt8? { k < s.count ? s[k] : nil }
        while i < a.count || j < b.count {
            // Non-digit prefix.
            while (at(a, i).map { !isDigit($0) } ?? false) || (at(b, j).map { !isDigit($0) } ?? false) {
                let ac = order(at(a, i))
                let bc = order(at(b, j))
                if ac != bc { return ac < bc ? -1 : 1 }
                i += 1
                j += 1
            }
            while i < a.count, a[i] == UInt8(ascii: "0") { i += 1 }
            while j < b.count, b[j] == UInt8(ascii: "0") { j += 1 }
            let aStart = i
            let bStart = j
            while i < a.count, isDigit(a[i]) { i += 1 }
            while j < b.count, isDigit(b[j]) { j += 1 }
            let aDigits = a[aStart..<i]
            let bDigits = b[bStart..<j]
            if aDigits.count != bDigits.count { return aDigits.count < bDigits.count ? -1 : 1 }
            for (x, y) in zip(aDigits, bDigits) where x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
}
