/// A Semantic Versioning 2.0.0 version (`MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`), as used by npm, crates.io
/// and Hex; an optional leading `v` or `V` is accepted and dropped.
///
/// Ordering is SemVer precedence (§11): numeric core, then a version with a pre-release sorts before the same
/// version without one, pre-release identifiers compare numerically when all-digit and in ASCII order
/// otherwise (numeric < alphanumeric), more identifiers win on a tie. Build metadata is ignored, so
/// `1.0.0+a == 1.0.0+b`. Numbers have no size limit. Parsing is strict: no leading zeros in numbers or
/// numeric pre-release identifiers, no empty identifiers, only `[0-9A-Za-z-]` in identifiers.
public struct SemanticVersion: EcosystemVersion, Hashable {
    /// `npm`, the OSV ecosystem that uses plain SemVer.
    public static var ecosystem: String { "npm" }

    /// The major version as decimal digits without leading zeros.
    public let major: String
    /// The minor version as decimal digits without leading zeros.
    public let minor: String
    /// The patch version as decimal digits without leading zeros.
    public let patch: String
    /// The dot-separated pre-release identifiers (empty for a release).
    public let preRelease: [String]
    /// The dot-separated build identifiers (ignored by the ordering).
    public let build: [String]

    /// Parses a strict SemVer 2.0.0 string, optionally prefixed with `v`/`V`.
    public init(parsing text: String) throws(VersionParseError) {
        do {
            self = try Self.parse(text, allowPrefix: true)
        } catch {
            throw VersionParseError(ecosystem: Self.ecosystem, input: text, reason: error.reason)
        }
    }

    /// Why a SemVer string is invalid (wrapped into ``VersionParseError`` by callers).
    struct Failure: Error {
        var reason: String
    }

    /// Parses `text` (with a leading `v`/`V` when `allowPrefix`).
    static func parse(_ text: String, allowPrefix: Bool) throws(Failure) -> SemanticVersion {
        var body = Substring(text)
        if allowPrefix, let first = body.first, first == "v" || first == "V" { body = body.dropFirst() }
        var build: [String] = []
        if let plus = body.firstIndex(of: "+") {
            build = try identifiers(body[body.index(after: plus)...], kind: "build", numericRules: false)
            body = body[..<plus]
        }
        var preRelease: [String] = []
        if let dash = body.firstIndex(of: "-") {
            preRelease = try identifiers(body[body.index(after: dash)...], kind: "pre-release", numericRules: true)
            body = body[..<dash]
        }
        let core = body.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3 else { throw Failure(reason: "expected MAJOR.MINOR.PATCH") }
        for part in core {
            guard !part.isEmpty, part.utf8.allSatisfy(isDigit) else { throw Failure(reason: "non-numeric '\(part)'") }
            guard part.count == 1 || part.first != "0" else { throw Failure(reason: "leading zero in '\(part)'") }
        }
        return SemanticVersion(
            major: String(core[0]),
            minor: String(core[1]),
            patch: String(core[2]),
            preRelease: preRelease,
            build: build
        )
    }

    private init(major: String, minor: String, patch: String, preRelease: [String], build: [String]) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.preRelease = preRelease
        self.build = build
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func identifiers(_ text: Substring, kind: String, numericRules: Bool) throws(Failure) -> [String] {
        var result: [String] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty else { throw Failure(reason: "empty \(kind) identifier") }
            let valid = part.utf8.allSatisfy { byte in
                isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D
            }
            guard valid else { throw Failure(reason: "invalid character in \(kind) identifier '\(part)'") }
            if numericRules, part.count > 1, part.first == "0", part.utf8.allSatisfy(isDigit) {
                throw Failure(reason: "leading zero in numeric \(kind) identifier '\(part)'")
            }
            result.append(String(part))
        }
        return result
    }

    /// The canonical spelling, without a `v` prefix.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !preRelease.isEmpty { text += "-" + preRelease.joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    /// True when there are pre-release identifiers.
    public var isPreRelease: Bool { !preRelease.isEmpty }

    public static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    /// Equal precedence (build metadata ignored).
    public static func == (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) == 0 }

    /// Hashes the precedence-relevant parts only, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(preRelease)
    }

    /// Three-way SemVer precedence.
    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        for (a, b) in [(lhs.major, rhs.major), (lhs.minor, rhs.minor), (lhs.patch, rhs.patch)] {
            let result = compareNumbers(a, b)
            if result != 0 { return result }
        }
        switch (lhs.preRelease.isEmpty, rhs.preRelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (a, b) in zip(lhs.preRelease, rhs.preRelease) {
            let aNumeric = a.utf8.allSatisfy(isDigit), bNumeric = b.utf8.allSatisfy(isDigit)
            let result: Int
            switch (aNumeric, bNumeric) {
            case (true, true): result = compareNumbers(a, b)
            case (true, false): result = -1
            case (false, true): result = 1
            case (false, false): result = a == b ? 0 : (Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) ? -1 : 1)
            }
            if result != 0 { return result }
        }
        let (l, r) = (lhs.preRelease.count, rhs.preRelease.count)
        return l == r ? 0 : (l < r ? -1 : 1)
    }

    /// Compares digit strings numerically (leading zeros ignored).
    private static func compareNumbers(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.utf8.drop { $0 == 0x30 }), b = Array(rhs.utf8.drop { $0 == 0x30 })
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        if a == b { return 0 }
        return a.lexicographicallyPrecedes(b) ? -1 : 1
    }
}
