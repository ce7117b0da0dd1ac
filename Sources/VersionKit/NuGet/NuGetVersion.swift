/// A NuGet version, ordered like NuGet.Versioning's default `VersionComparer`.
///
/// `Major[.Minor[.Patch[.Revision]]][-label(.label)*][+metadata]`: one to four numeric parts (missing ones
/// are 0, leading zeros allowed), dot-separated labels and metadata of `[0-9A-Za-z-]`. The numeric parts
/// compare first; then a version without labels is above one with labels; labels compare pairwise
/// (numeric labels numerically and below text labels, text labels case-insensitively) and fewer labels
/// sort first. Build metadata is ignored. Numeric parts may exceed `Int32` (NuGet rejects those, but OSV
/// data and the corpus compare them numerically).
public struct NuGetVersion: EcosystemVersion {
    public static var ecosystem: String { "NuGet" }

    /// The text as given.
    public let text: String
    /// The four numeric parts as digit strings without leading zeros ("" is 0).
    private let numbers: [String]
    /// The release labels (empty for a release).
    public let releaseLabels: [String]
    /// The build metadata, if any (ignored by comparison).
    public let metadata: String?

    /// Parses `text`.
    public init(parsing text: String) throws(VersionParseError) {
        func fail(_ reason: String) -> VersionParseError {
            VersionParseError(ecosystem: Self.ecosystem, input: text, reason: reason)
        }
        var rest = Substring(text)
        var metadata: String?
        if let plus = rest.firstIndex(of: "+") {
            let raw = rest[rest.index(after: plus)...]
            guard Self.isIdentifierList(raw) else { throw fail("invalid build metadata") }
            metadata = String(raw)
            rest = rest[..<plus]
        }
        var labels: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            let raw = rest[rest.index(after: dash)...]
            guard Self.isIdentifierList(raw) else { throw fail("invalid release label") }
            labels = raw.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            rest = rest[..<dash]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { throw fail("expected 1 to 4 numeric parts") }
        var numbers: [String] = []
        for part in parts {
            guard !part.isEmpty, part.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                throw fail("numeric part '\(part)' is not a number")
            }
            numbers.append(String(part.drop { $0 == "0" }))
        }
        while numbers.count < 4 { numbers.append("") }
        self.text = text
        self.numbers = numbers
        self.releaseLabels = labels
        self.metadata = metadata
    }

    /// Whether the version has release labels.
    public var isPrerelease: Bool { !releaseLabels.isEmpty }

    public var description: String { text }

    public static func == (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) == 0 }
    public static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    /// Non-empty dot-separated identifiers of `[0-9A-Za-z-]`.
    static func isIdentifierList(_ text: Substring) -> Bool {
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { identifier in
            !identifier.isEmpty
                && identifier.utf8.allSatisfy { byte in
                    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                        || byte == UInt8(ascii: "-")
                }
        }
    }

    static func compareDigits(_ a: String, _ b: String) -> Int {
        if a.utf8.count != b.utf8.count { return a.utf8.count < b.utf8.count ? -1 : 1 }
        for (x, y) in zip(a.utf8, b.utf8) where x != y { return x < y ? -1 : 1 }
        return 0
    }

    /// `Int32.TryParse` for labels made of ASCII digits.
    static func numericValue(_ label: String) -> Int32? {
        guard label.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int32(label)
    }

    /// `StringComparer.OrdinalIgnoreCase` for ASCII labels.
    static func compareIgnoringCase(_ a: String, _ b: String) -> Int {
        func upper(_ byte: UInt8) -> UInt8 { (0x61...0x7A).contains(byte) ? byte - 0x20 : byte }
        for (x, y) in zip(a.utf8, b.utf8) where upper(x) != upper(y) { return upper(x) < upper(y) ? -1 : 1 }
        let (m, n) = (a.utf8.count, b.utf8.count)
        return m == n ? 0 : (m < n ? -1 : 1)
    }

    static func compareLabel(_ a: String, _ b: String) -> Int {
        switch (numericValue(a), numericValue(b)) {
        case (let x?, let y?): return x == y ? 0 : (x < y ? -1 : 1)
        case (.some, nil): return -1
        case (nil, .some): return 1
        case (nil, nil): return compareIgnoringCase(a, b)
        }
    }

    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        for (a, b) in zip(lhs.numbers, rhs.numbers) {
            let result = compareDigits(a, b)
            if result != 0 { return result }
        }
        switch (lhs.releaseLabels.isEmpty, rhs.releaseLabels.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (a, b) in zip(lhs.releaseLabels, rhs.releaseLabels) {
            let result = compareLabel(a, b)
            if result != 0 { return result }
        }
        let (m, n) = (lhs.releaseLabels.count, rhs.releaseLabels.count)
        return m == n ? 0 : (m < n ? -1 : 1)
    }
}
