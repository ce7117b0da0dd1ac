/// A Maven version, ordered like Maven's `ComparableVersion`.
///
/// The text is lower-cased and split into items at `.`, at `-` (which opens a nested list) and at every
/// digit/letter transition (which also opens a nested list). Numbers compare numerically (any size);
/// qualifiers order `alpha` < `beta` < `milestone` < `rc` (= `cr`) < `snapshot` < release
/// (`""` = `ga` = `final` = `release`) < `sp` < any other qualifier (lexically). `a1`, `b1`, `m1` mean
/// `alpha-1`, `beta-1`, `milestone-1`. Trailing null items (`0`, release qualifiers, empty lists) are
/// trimmed, so `1` = `1.0` = `1.0.0-ga`.
///
/// This is maven-artifact 3.8.6's ordering, which the OSV corpus (osv-scalibr's fixtures) was generated
/// with and which osv-scalibr implements. maven-artifact 3.8.7 and later read a qualifier that follows a
/// non-empty item and is followed by a digit or ends the version as if preceded by `-`
/// (`6.1.12.rc5` = `6.1.12-rc5`, so `6.1.12rc1 < 6.1.12.rc5` there but `>` here); that reading is kept
/// internal for the differential test.
public struct MavenVersion: EcosystemVersion {
    public static var ecosystem: String { "Maven" }

    /// The text as given.
    public let text: String
    private let items: [Item]

    /// Parses `text`; only empty (or all-whitespace) text is rejected.
    public init(parsing text: String) throws(VersionParseError) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else {
            throw VersionParseError(ecosystem: Self.ecosystem, input: text, reason: "empty version")
        }
        self.text = text
        self.items = Self.parse(trimmed.lowercased(), dotQualifierAsHyphen: false)
    }

    public var description: String { text }

    /// Whether maven-artifact 3.8.7+ parses `text` differently from 3.8.6 (the ordering used here).
    static func parsesDifferentlyInMaven387(_ text: String) -> Bool {
        let lowered = text.trimmingASCIIWhitespace().lowercased()
        return parse(lowered, dotQualifierAsHyphen: false) != parse(lowered, dotQualifierAsHyphen: true)
    }

    /// Compares two version strings the way maven-artifact 3.8.7+ does (test support).
    static func compareAsMaven387(_ lhs: String, _ rhs: String) -> Int {
        compareLists(
            parse(lhs.trimmingASCIIWhitespace().lowercased(), dotQualifierAsHyphen: true),
            parse(rhs.trimmingASCIIWhitespace().lowercased(), dotQualifierAsHyphen: true)
        )
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { compareLists(lhs.items, rhs.items) < 0 }
    public static func == (lhs: Self, rhs: Self) -> Bool { compareLists(lhs.items, rhs.items) == 0 }

    indirect enum Item: Sendable, Equatable {
        /// Decimal digits without leading zeros ("" is zero).
        case number(String)
        /// Canonical qualifier rank plus the qualifier (for unknown qualifiers).
        case string(rank: Int, value: String)
        case list([Item])

        var isNull: Bool {
            switch self {
            case .number(let digits): return digits.isEmpty
            case .string(let rank, _): return rank == MavenVersion.releaseRank
            case .list(let items): return items.isEmpty
            }
        }
    }

    static let qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]
    static let releaseRank = 5

    static func stringItem(_ raw: String, followedByDigit: Bool) -> Item {
        var value = raw
        if followedByDigit && value.count == 1 {
            switch value {
            case "a": value = "alpha"
            case "b": value = "beta"
            case "m": value = "milestone"
            default: break
            }
        }
        switch value {
        case "ga", "final", "release": value = ""
        case "cr": value = "rc"
        default: break
        }
        if let index = qualifiers.firstIndex(of: value) { return .string(rank: index, value: "") }
        return .string(rank: qualifiers.count, value: value)
    }

    static func numberItem(_ raw: Substring) -> Item {
        .number(String(raw.drop(while: { $0 == "0" })))
    }

    static func item(_ raw: Substring, isDigit: Bool) -> Item {
        isDigit ? numberItem(raw) : stringItem(String(raw), followedByDigit: false)
    }

    /// A mutable tree built while parsing: `stack` holds the open lists, innermost last.
    /// `dotQualifierAsHyphen` selects maven-artifact 3.8.7+'s reading of `1.0.0.X1` as `1.0.0-X1`.
    static func parse(_ version: String, dotQualifierAsHyphen: Bool) -> [Item] {
        let chars = Array(version)
        // Each open list is stored as its items; when a child list is opened, the parent keeps a
        // placeholder that is filled in when the stack is unwound.
        var stack: [[Item]] = [[]]
        var isDigit = false
        var start = 0
        func openList() { stack.append([]) }
        func substring(_ from: Int, _ to: Int) -> Substring { Substring(String(chars[from..<to])) }
        for index in chars.indices {
            let character = chars[index]
            if character == "." || character == "-" {
                stack[stack.count - 1].append(
                    index == start ? .number("") : item(substring(start, index), isDigit: isDigit)
                )
                start = index + 1
                if character == "-" { openList() }
            } else if character.isASCII && character.isNumber {
                if !isDigit && index > start {
                    // `1.0.0.X1` is read as `1.0.0-X1`: a qualifier followed by a digit opens a list.
                    if dotQualifierAsHyphen && !stack[stack.count - 1].isEmpty { openList() }
                    stack[stack.count - 1].append(
                        stringItem(String(substring(start, index)), followedByDigit: true)
                    )
                    start = index
                    openList()
                }
                isDigit = true
            } else {
                if isDigit && index > start {
                    stack[stack.count - 1].append(numberItem(substring(start, index)))
                    start = index
                    openList()
                }
                isDigit = false
            }
        }
        if chars.count > start {
            // Likewise a trailing qualifier: `1.0.0.X` is read as `1.0.0-X`.
            if dotQualifierAsHyphen && !isDigit && !stack[stack.count - 1].isEmpty { openList() }
            stack[stack.count - 1].append(item(substring(start, chars.count), isDigit: isDigit))
        }
        // Unwind: normalise the innermost list and append it to its parent.
        while stack.count > 1 {
            let child = normalize(stack.removeLast())
            stack[stack.count - 1].append(.list(child))
        }
        return normalize(stack[0])
    }

    /// Removes null items from the end, looking through trailing non-empty lists (Maven's `normalize`).
    static func normalize(_ list: [Item]) -> [Item] {
        var result = list
        var index = result.count - 1
        while index >= 0 {
            let item = result[index]
            if item.isNull {
                result.remove(at: index)
            } else if case .list = item {
                // keep looking before it
            } else {
                break
            }
            index -= 1
        }
        return result
    }

    static func compareNumbers(_ a: String, _ b: String) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        return a == b ? 0 : (a < b ? -1 : 1)
    }

    static func compareStrings(_ a: (Int, String), _ b: (Int, String)) -> Int {
        if a.0 != b.0 { return a.0 < b.0 ? -1 : 1 }
        return a.1 == b.1 ? 0 : (a.1 < b.1 ? -1 : 1)
    }

    /// `lhs.compareTo(rhs)` where a nil `rhs` is Maven's `null` (padding).
    static func compare(_ lhs: Item, _ rhs: Item?) -> Int {
        switch lhs {
        case .number(let a):
            guard let rhs else { return a.isEmpty ? 0 : 1 }
            if case .number(let b) = rhs { return compareNumbers(a, b) }
            return 1
        case .string(let rank, let value):
            guard let rhs else { return compareStrings((rank, value), (releaseRank, "")) }
            switch rhs {
            case .number, .list: return -1
            case .string(let otherRank, let otherValue):
                return compareStrings((rank, value), (otherRank, otherValue))
            }
        case .list(let items):
            // Against padding every item counts, not just the first (MNG-6964: `0-0.3` > `0`).
            guard let rhs else {
                for item in items {
                    let result = compare(item, nil)
                    if result != 0 { return result }
                }
                return 0
            }
            switch rhs {
            case .number: return -1
            case .string: return 1
            case .list(let other): return compareLists(items, other)
            }
        }
    }

    static func compareLists(_ lhs: [Item], _ rhs: [Item]) -> Int {
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : nil
            let right = index < rhs.count ? rhs[index] : nil
            let result: Int
            if let left {
                result = compare(left, right)
            } else if let right {
                result = -compare(right, nil)
            } else {
                result = 0
            }
            if result != 0 { return result }
        }
        return 0
    }
}

extension String {
    /// The text without leading and trailing ASCII whitespace.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(self.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
