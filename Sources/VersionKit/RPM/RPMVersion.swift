/// An RPM package version, `[epoch:]version[-release]`, ordered as `rpm.labelCompare` orders
/// `(epoch, version, release)` triples: epoch, then version, then release, each with `rpmvercmp`.
///
/// Splitting follows rpm's `parseEVR`: the epoch is the leading run of digits when a `:` follows it
/// (absent or empty means `0`); the release is everything after the last `-` of the rest. Any other
/// `:` belongs to the version (`1.m+el9:1` has no epoch).
///
/// `rpmvercmp` compares alternating alphanumeric segments, skipping other characters (so `2.0`
/// equals `2_0`, and non-ASCII characters are separators): digit segments compare numerically and
/// beat letter segments; `~` sorts before everything, even the end of the string; `^` sorts after
/// the end of the string but before any further segment. A missing release sorts before any release,
/// as in `labelCompare`.
public struct RPMVersion: EcosystemVersion {
    /// `Red Hat`, the OSV ecosystem whose ordering this is (AlmaLinux, Rocky Linux, openSUSE and SUSE
    /// use the same rules).
    public static var ecosystem: String { "Red Hat" }

    /// The epoch digits as written, `"0"` when absent or empty.
    public let epoch: String
    /// The version (between the epoch and the last hyphen).
    public let version: String
    /// The release (after the last hyphen); nil when there is no hyphen, `""` for a trailing hyphen.
    public let release: String?
    /// The text as given.
    public let description: String

    /// Parses `text`. `rpmvercmp` orders any string, so only input with an empty version part (which
    /// librpm rejects: `:1`, `1:`, `-1`) and input containing whitespace or control characters (which
    /// an RPM EVR can never contain) are rejected.
    public init(parsing text: String) throws(VersionParseError) {
        let bytes = Array(text.utf8)
        if bytes.isEmpty {
            throw VersionParseError(ecosystem: Self.ecosystem, input: text, reason: "version string is empty")
        }
        if bytes.contains(where: { $0 <= 0x20 || $0 == 0x7F }) {
            throw VersionParseError(
                ecosystem: Self.ecosystem,
                input: text,
                reason: "version contains whitespace or control characters"
            )
        }
        var digitsEnd = 0
        while digitsEnd < bytes.count, Self.isDigit(bytes[digitsEnd]) { digitsEnd += 1 }
        var rest = bytes[...]
        if digitsEnd < bytes.count, bytes[digitsEnd] == UInt8(ascii: ":") {
            let digits = bytes[..<digitsEnd]
            self.epoch = digits.isEmpty ? "0" : String(decoding: digits, as: UTF8.self)
            rest = bytes[(digitsEnd + 1)...]
        } else {
            self.epoch = "0"
        }
        if let hyphen = rest.lastIndex(of: UInt8(ascii: "-")) {
            self.version = String(decoding: rest[rest.startIndex..<hyphen], as: UTF8.self)
            self.release = String(decoding: rest[(hyphen + 1)...], as: UTF8.self)
        } else {
            self.version = String(decoding: rest, as: UTF8.self)
            self.release = nil
        }
        if version.isEmpty {
            throw VersionParseError(ecosystem: Self.ecosystem, input: text, reason: "version part is empty")
        }
        self.description = text
    }

    /// `rpm.labelCompare`'s three-way result: -1, 0 or 1.
    public static func compare(_ lhs: RPMVersion, _ rhs: RPMVersion) -> Int {
        let epoch = rpmvercmp(lhs.epoch, rhs.epoch)
        if epoch != 0 { return epoch }
        let version = rpmvercmp(lhs.version, rhs.version)
        if version != 0 { return version }
        switch (lhs.release, rhs.release) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let left?, let right?): return rpmvercmp(left, right)
        }
    }

    public static func < (lhs: RPMVersion, rhs: RPMVersion) -> Bool { compare(lhs, rhs) < 0 }
    public static func == (lhs: RPMVersion, rhs: RPMVersion) -> Bool { compare(lhs, rhs) == 0 }

    /// rpm's `rpmvercmp` on two version or release strings: -1, 0 or 1.
    public static func rpmvercmp(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        if a == b { return 0 }
        let tilde = UInt8(ascii: "~")
        let caret = UInt8(ascii: "^")
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            while i < a.count, !isAlphanumeric(a[i]), a[i] != tilde, a[i] != caret { i += 1 }
            while j < b.count, !isAlphanumeric(b[j]), b[j] != tilde, b[j] != caret { j += 1 }
            let x: UInt8? = i < a.count ? a[i] : nil
            let y: UInt8? = j < b.count ? b[j] : nil
            if x == tilde || y == tilde {
                if x != tilde { return 1 }
                if y != tilde { return -1 }
                i += 1
                j += 1
                continue
            }
            if x == caret || y == caret {
                if x == nil { return -1 }
                if y == nil { return 1 }
                if x != caret { return 1 }
                if y != caret { return -1 }
                i += 1
                j += 1
                continue
            }
            guard let first = x, y != nil else { break }
            var iEnd = i
            var jEnd = j
            let isNumber = isDigit(first)
            func inSegment(_ byte: UInt8) -> Bool { isNumber ? isDigit(byte) : isLetter(byte) }
            while iEnd < a.count, inSegment(a[iEnd]) { iEnd += 1 }
            while jEnd < b.count, inSegment(b[jEnd]) { jEnd += 1 }
            // Segments of different kinds: a number beats letters.
            if jEnd == j { return isNumber ? 1 : -1 }
            var left = a[i..<iEnd]
            var right = b[j..<jEnd]
            if isNumber {
                left = left.drop(while: { $0 == UInt8(ascii: "0") })
                right = right.drop(while: { $0 == UInt8(ascii: "0") })
                if left.count != right.count { return left.count < right.count ? -1 : 1 }
            }
            let order = lexicographic(left, right)
            if order != 0 { return order }
            i = iEnd
            j = jEnd
        }
        if i >= a.count && j >= b.count { return 0 }
        return i < a.count ? 1 : -1
    }

    /// `strcmp` on two byte runs: -1, 0 or 1.
    private static func lexicographic(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        if a.count == b.count { return 0 }
        return a.count < b.count ? -1 : 1
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
}
