/// A RubyGems version, ordered like `Gem::Version` (RubyGems 3.3).
///
/// Valid text matches `\A\s*([0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*\z`; blank
/// text is version `0`. Every `-` reads as `.pre.`; the segments are the runs of digits (numbers, any
/// size) and of letters (compared byte-wise, case-sensitively). Trailing zeros are dropped from the
/// numeric prefix and from the rest (`1.0.a.0` = `1.a`); a missing segment counts as `0`, and a letter
/// segment sorts before a number, so any version with a letter is a prerelease below its release.
public struct RubyGemsVersion: EcosystemVersion {
    public static var ecosystem: String { "RubyGems" }

    /// The text as given.
    public let text: String
    /// Whether the version contains a letter (`Gem::Version#prerelease?`).
    public let isPrerelease: Bool
    private let version: String
    private let canonical: [Segment]

    enum Segment: Equatable, Sendable {
        /// Digits without leading zeros ("" is zero).
        case number(String)
        case string(String)
    }

    /// Parses `text`, rejecting anything `Gem::Version.correct?` rejects.
    public init(parsing text: String) throws(VersionParseError) {
        let bytes = Array(text.utf8)
        var start = 0
        var end = bytes.count
        while start < end && Self.isSpace(bytes[start]) { start += 1 }
        while end > start && Self.isSpace(bytes[end - 1]) { end -= 1 }
        let body = Array(bytes[start..<end])
        guard body.isEmpty || Self.isValid(body) else {
            throw VersionParseError(ecosystem: Self.ecosystem, input: text, reason: "malformed version number string")
        }
        self.text = text
        let normalized: [UInt8] = body.isEmpty ? Array("0".utf8) : body
        self.version = String(decoding: normalized, as: UTF8.self)
        self.isPrerelease = normalized.contains { Self.isLetter($0) || $0 == UInt8(ascii: "-") }
        self.canonical = Self.canonicalSegments(normalized)
    }

    public var description: String { text }

    public static func == (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) == 0 }
    public static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    /// `[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?` over the whole of `body`.
    static func isValid(_ body: [UInt8]) -> Bool {
        var index = 0
        func run(_ allowed: (UInt8) -> Bool) -> Bool {
            let begin = index
            while index < body.count && allowed(body[index]) { index += 1 }
            return index > begin
        }
        let alnum: (UInt8) -> Bool = { isDigit($0) || isLetter($0) }
        let alnumDash: (UInt8) -> Bool = { alnum($0) || $0 == UInt8(ascii: "-") }
        guard run(isDigit) else { return false }
        while index < body.count && body[index] == UInt8(ascii: ".") {
            index += 1
            guard run(alnum) else { return false }
        }
        if index < body.count && body[index] == UInt8(ascii: "-") {
            index += 1
            guard run(alnumDash) else { return false }
            while index < body.count && body[index] == UInt8(ascii: ".") {
                index += 1
                guard run(alnumDash) else { return false }
            }
        }
        return index == body.count
    }

    /// `Gem::Version#canonical_segments` (a `-` becomes `.pre.`, i.e. the segment `pre`).
    static func canonicalSegments(_ version: [UInt8]) -> [Segment] {
        var segments: [Segment] = []
        var index = 0
        while index < version.count {
            let byte = version[index]
            if byte == UInt8(ascii: "-") {
                segments.append(.string("pre"))
                index += 1
            } else if isDigit(byte) {
                let begin = index
                while index < version.count && isDigit(version[index]) { index += 1 }
                let digits = version[begin..<index].drop { $0 == UInt8(ascii: "0") }
                segments.append(.number(String(decoding: digits, as: UTF8.self)))
            } else if isLetter(byte) {
                let begin = index
                while index < version.count && isLetter(version[index]) { index += 1 }
                segments.append(.string(String(decoding: version[begin..<index], as: UTF8.self)))
            } else {
                index += 1
            }
        }
        let stringStart =
            segments.firstIndex {
                if case .string = $0 { return true }
                return false
            } ?? segments.count
        func trimmed(_ part: ArraySlice<Segment>) -> [Segment] {
            var result = Array(part)
            while let last = result.last, last == .number("") { result.removeLast() }
            return result
        }
        return trimmed(segments[..<stringStart]) + trimmed(segments[stringStart...])
    }

    static func compareBytes(_ a: String, _ b: String) -> Int {
        for (x, y) in zip(a.utf8, b.utf8) where x != y { return x < y ? -1 : 1 }
        let (m, n) = (a.utf8.count, b.utf8.count)
        return m == n ? 0 : (m < n ? -1 : 1)
    }

    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        if lhs.version == rhs.version || lhs.canonical == rhs.canonical { return 0 }
        let left = lhs.canonical
        let right = rhs.canonical
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : .number("")
            let b = index < right.count ? right[index] : .number("")
            if a == b { continue }
            switch (a, b) {
            case (.string, .number): return -1
            case (.number, .string): return 1
            case (.number(let x), .number(let y)):
                if x.utf8.count != y.utf8.count { return x.utf8.count < y.utf8.count ? -1 : 1 }
                return compareBytes(x, y)
            case (.string(let x), .string(let y)): return compareBytes(x, y)
            }
        }
        return 0
    }
}
