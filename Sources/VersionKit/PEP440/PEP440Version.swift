/// A Python package version (PEP 440), ordered exactly like Python's `packaging.version.Version`.
///
/// Accepts every spelling `packaging` accepts: surrounding whitespace, a leading `v`, an epoch (`1!2.0`),
/// pre-releases (`a`, `alpha`, `b`, `beta`, `c`, `rc`, `pre`, `preview`, with optional `.`/`-`/`_`
/// separators and an implicit `0`), post-releases (`.post1`, `-1`, `rev`, `r`), dev releases (`.dev1`) and
/// local versions (`+ubuntu.1`), all case-insensitively. Different spellings of one version are equal:
/// `1.0a1 == 1.0.0alpha1`, `1.0-1 == 1.0.post1`. Numbers have no size limit.
public struct PEP440Version: EcosystemVersion, Hashable {
    /// `PyPI`, the OSV ecosystem name.
    public static var ecosystem: String { "PyPI" }

    /// A pre-release kind, in ascending order.
    public enum PreReleaseKind: Int, Sendable, Hashable, Comparable {
        /// `a`, `alpha`.
        case alpha = 0
        /// `b`, `beta`.
        case beta = 1
        /// `rc`, `c`, `pre`, `preview`.
        case releaseCandidate = 2

        /// The normalised spelling (`a`, `b`, `rc`).
        public var normalized: String {
            switch self {
            case .alpha: "a"
            case .beta: "b"
            case .releaseCandidate: "rc"
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One dot-separated part of a local version: numeric parts sort after alphanumeric ones.
    public enum LocalSegment: Sendable, Hashable {
        /// An all-digit part, without leading zeros.
        case number(String)
        /// Any other part, lower-cased.
        case text(String)
    }

    /// The epoch (`N!`), `"0"` when absent; decimal digits without leading zeros.
    public let epoch: String
    /// The release numbers as written (leading zeros removed), e.g. `["1", "0"]`.
    public let release: [String]
    /// The pre-release kind and number, if any.
    public let preRelease: (kind: PreReleaseKind, number: String)?
    /// The post-release number, if any.
    public let postRelease: String?
    /// The dev-release number, if any.
    public let devRelease: String?
    /// The local version parts, if any.
    public let local: [LocalSegment]?

    /// Parses `text` with the grammar of `packaging.version.VERSION_PATTERN`.
    public init(parsing text: String) throws(VersionParseError) {
        var scanner = PEP440Scanner(Array(text.unicodeScalars))
        func fail(_ reason: String) -> VersionParseError {
            VersionParseError(ecosystem: Self.ecosystem, input: text, reason: reason)
        }
        scanner.skipWhitespace()
        if scanner.peekLower() == "v" { scanner.advance() }

        // Epoch and release.
        guard let first = scanner.digits() else { throw fail("expected a release number") }
        var epoch = "0"
        var release: [String] = []
        if scanner.peek() == "!" {
            scanner.advance()
            epoch = first
            guard let head = scanner.digits() else { throw fail("expected a release number after the epoch") }
            release.append(head)
        } else {
            release.append(first)
        }
        while true {
            let mark = scanner.index
            guard scanner.peek() == "." else { break }
            scanner.advance()
            guard let next = scanner.digits() else {
                scanner.index = mark
                break
            }
            release.append(next)
        }

        // Pre-release: [._-]? (alpha|a|beta|b|preview|pre|c|rc) [._-]? [0-9]*
        var pre: (kind: PreReleaseKind, number: String)?
        do {
            let mark = scanner.index
            scanner.skipSeparator()
            let kind: PreReleaseKind? =
                if scanner.consumeWord("alpha") || scanner.consumeWord("a") {
                    .alpha
                } else if scanner.consumeWord("beta") || scanner.consumeWord("b") {
                    .beta
                } else if scanner.consumeWord("preview") || scanner.consumeWord("pre") || scanner.consumeWord("c")
                    || scanner.consumeWord("rc")
                {
                    .releaseCandidate
                } else {
                    nil
                }
            if let kind {
                scanner.skipSeparator()
                pre = (kind, scanner.digits() ?? "0")
            } else {
                scanner.index = mark
            }
        }

        // Post-release: -[0-9]+ | [._-]? (post|rev|r) [._-]? [0-9]*
        var post: String?
        do {
            let mark = scanner.index
            if scanner.peek() == "-" {
                scanner.advance()
                if let number = scanner.digits() { post = number } else { scanner.index = mark }
            }
            if post == nil {
                scanner.skipSeparator()
                if scanner.consumeWord("post") || scanner.consumeWord("rev") || scanner.consumeWord("r") {
                    scanner.skipSeparator()
                    post = scanner.digits() ?? "0"
                } else {
                    scanner.index = mark
                }
            }
        }

        // Dev release: [._-]? dev [._-]? [0-9]*
        var dev: String?
        do {
            let mark = scanner.index
            scanner.skipSeparator()
            if scanner.consumeWord("dev") {
                scanner.skipSeparator()
                dev = scanner.digits() ?? "0"
            } else {
                scanner.index = mark
            }
        }

        // Local version: \+ [a-z0-9]+ ([._-][a-z0-9]+)*
        var local: [LocalSegment]?
        if scanner.peek() == "+" {
            scanner.advance()
            var segments: [LocalSegment] = []
            while true {
                guard let part = scanner.alphanumerics() else { throw fail("empty local version segment") }
                if part.allSatisfy({ $0.isASCIIDigitScalar }) {
                    segments.append(.number(PEP440Scanner.stripZeros(part)))
                } else {
                    segments.append(.text(part))
                }
                let mark = scanner.index
                guard scanner.skipSeparator() else { break }
                guard scanner.peekIsAlphanumeric() else {
                    scanner.index = mark
                    break
                }
            }
            local = segments
        }

        scanner.skipWhitespace()
        guard scanner.atEnd else { throw fail("unexpected text at offset \(scanner.index)") }
        self.epoch = epoch
        self.release = release
        self.preRelease = pre
        self.postRelease = post
        self.devRelease = dev
        self.local = local
    }

    /// The normalised form, as `str(packaging.version.Version(...))` prints it.
    public var description: String {
        var text = epoch == "0" ? "" : "\(epoch)!"
        text += release.joined(separator: ".")
        if let preRelease { text += preRelease.kind.normalized + preRelease.number }
        if let postRelease { text += ".post\(postRelease)" }
        if let devRelease { text += ".dev\(devRelease)" }
        if let local {
            text +=
                "+"
                + local.map { segment in
                    switch segment {
                    case .number(let digits): digits
                    case .text(let text): text
                    }
                }.joined(separator: ".")
        }
        return text
    }

    /// True for alpha, beta, release-candidate and dev releases (like `Version.is_prerelease`).
    public var isPreRelease: Bool { preRelease != nil || devRelease != nil }

    public static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    public static func == (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) == 0 }

    /// Hashes the parts that equal versions share: the epoch and the release without trailing zeros.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        hasher.combine(Array(release.reversed().drop { $0 == "0" }))
    }

    /// Three-way comparison following `packaging.version._cmpkey`.
    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        var result = compareNumbers(lhs.epoch, rhs.epoch)
        if result != 0 { return result }
        result = compareReleases(lhs.release, rhs.release)
        if result != 0 { return result }
        let left = lhs.suffixKey, right = rhs.suffixKey
        for (a, b) in zip(left, right) {
            result = compareNumbers(a, b)
            if result != 0 { return result }
        }
        switch (lhs.local, rhs.local) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let a?, let b?): return compareLocal(a, b)
        }
    }

    /// `(pre_rank, pre_n, post_rank, post_n, dev_rank, dev_n)` with ranks shifted to be non-negative.
    private var suffixKey: [String] {
        let preRank: String, preNumber: String
        if let preRelease {
            preRank = String(preRelease.kind.rawValue + 1)
            preNumber = preRelease.number
        } else if postRelease == nil && devRelease != nil {
            preRank = "0"  // dev-only releases sort before every pre-release
            preNumber = "0"
        } else {
            preRank = "4"
            preNumber = "0"
        }
        return [
            preRank, preNumber, postRelease == nil ? "0" : "1", postRelease ?? "0", devRelease == nil ? "1" : "0",
            devRelease ?? "0",
        ]
    }

    private static func compareReleases(_ lhs: [String], _ rhs: [String]) -> Int {
        let count = max(lhs.count, rhs.count)
        for index in 0..<count {
            let a = index < lhs.count ? lhs[index] : "0"
            let b = index < rhs.count ? rhs[index] : "0"
            let result = compareNumbers(a, b)
            if result != 0 { return result }
        }
        return 0
    }

    private static func compareLocal(_ lhs: [LocalSegment], _ rhs: [LocalSegment]) -> Int {
        for (a, b) in zip(lhs, rhs) {
            switch (a, b) {
            case (.number(let x), .number(let y)):
                let result = compareNumbers(x, y)
                if result != 0 { return result }
            case (.text(let x), .text(let y)):
                if x != y { return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) ? -1 : 1 }
            case (.text, .number): return -1
            case (.number, .text): return 1
            }
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }

    /// Compares two digit strings without leading zeros numerically.
    private static func compareNumbers(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        if a == b { return 0 }
        return a.lexicographicallyPrecedes(b) ? -1 : 1
    }
}

/// A cursor over the Unicode scalars of a PEP 440 version string.
private struct PEP440Scanner {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var atEnd: Bool { index >= scalars.count }

    func peek() -> Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    /// The next scalar lower-cased if it is an ASCII letter.
    func peekLower() -> Unicode.Scalar? {
        guard let scalar = peek() else { return nil }
        if scalar.value >= 0x41 && scalar.value <= 0x5A { return Unicode.Scalar(UInt8(scalar.value + 0x20)) }
        return scalar
    }

    mutating func advance() { index += 1 }

    /// Python's `\s` for `str` patterns.
    mutating func skipWhitespace() {
        while let scalar = peek(), Self.isPythonWhitespace(scalar) { index += 1 }
    }

    static func isPythonWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default: false
        }
    }

    /// Consumes one `.`, `-` or `_`; true when it did.
    @discardableResult
    mutating func skipSeparator() -> Bool {
        if let scalar = peek(), scalar == "." || scalar == "-" || scalar == "_" {
            index += 1
            return true
        }
        return false
    }

    /// Consumes `word` (lower-case ASCII) case-insensitively.
    mutating func consumeWord(_ word: String) -> Bool {
        var position = index
        for expected in word.unicodeScalars {
            guard position < scalars.count else { return false }
            var scalar = scalars[position].value
            if scalar >= 0x41 && scalar <= 0x5A { scalar += 0x20 }
            guard scalar == expected.value else { return false }
            position += 1
        }
        index = position
        return true
    }

    /// Consumes ASCII digits; nil when there are none. Leading zeros are removed.
    mutating func digits() -> String? {
        let start = index
        while let scalar = peek(), scalar.isASCIIDigitScalar { index += 1 }
        guard index > start else { return nil }
        return Self.stripZeros(String(String.UnicodeScalarView(scalars[start..<index])))
    }

    func peekIsAlphanumeric() -> Bool {
        guard let scalar = peek() else { return false }
        return scalar.isASCIIAlphanumericScalar
    }

    /// Consumes ASCII letters and digits, lower-cased; nil when there are none.
    mutating func alphanumerics() -> String? {
        let start = index
        while let scalar = peek(), scalar.isASCIIAlphanumericScalar { index += 1 }
        guard index > start else { return nil }
        return String(String.UnicodeScalarView(scalars[start..<index])).lowercased()
    }

    static func stripZeros(_ digits: String) -> String {
        let trimmed = digits.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIDigitScalar: Bool { value >= 0x30 && value <= 0x39 }
    fileprivate var isASCIIAlphanumericScalar: Bool {
        isASCIIDigitScalar || (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A)
    }
}

extension Character {
    fileprivate var isASCIIDigitScalar: Bool {
        unicodeScalars.count == 1 && unicodeScalars.allSatisfy(\.isASCIIDigitScalar)
    }
}
