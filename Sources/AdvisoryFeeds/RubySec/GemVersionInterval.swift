internal import AdvisoryModel
internal import VersionKit

/// One end of a ``GemVersionInterval``: a RubyGems version, included or not.
struct GemVersionBound: Hashable {
    var version: String
    var inclusive: Bool
}

/// An interval of RubyGems versions; a nil bound is unbounded.
struct GemVersionInterval: Hashable {
    var lower: GemVersionBound?
    var upper: GemVersionBound?

    static let everything = GemVersionInterval(lower: nil, upper: nil)

    private static func compare(_ a: String, _ b: String) throws(VersionParseError) -> Int {
        try VersionScheme.rubyGems.compare(a, b)
    }

    /// True when no version lies in the interval.
    func isEmpty() throws(VersionParseError) -> Bool {
        guard let lower, let upper else { return false }
        let order = try Self.compare(lower.version, upper.version)
        return order > 0 || (order == 0 && !(lower.inclusive && upper.inclusive))
    }

    /// The versions in both intervals.
    func intersection(_ other: GemVersionInterval) throws(VersionParseError) -> GemVersionInterval {
        GemVersionInterval(
            lower: try Self.tighterLower(lower, other.lower),
            upper: try Self.tighterUpper(upper, other.upper)
        )
    }

    private static func tighterLower(_ a: GemVersionBound?, _ b: GemVersionBound?) throws(VersionParseError)
        -> GemVersionBound?
    {
        guard let a else { return b }
        guard let b else { return a }
        let order = try compare(a.version, b.version)
        if order == 0 { return GemVersionBound(version: a.version, inclusive: a.inclusive && b.inclusive) }
        return order > 0 ? a : b
    }

    private static func tighterUpper(_ a: GemVersionBound?, _ b: GemVersionBound?) throws(VersionParseError)
        -> GemVersionBound?
    {
        guard let a else { return b }
        guard let b else { return a }
        let order = try compare(a.version, b.version)
        if order == 0 { return GemVersionBound(version: a.version, inclusive: a.inclusive && b.inclusive) }
        return order < 0 ? a : b
    }

    /// The union of `intervals` as sorted, disjoint, non-adjacent intervals.
    static func union(_ intervals: [GemVersionInterval]) throws(VersionParseError) -> [GemVersionInterval] {
        var items: [GemVersionInterval] = []
        for interval in intervals where !(try interval.isEmpty()) { items.append(interval) }
        // Insertion sort by lower bound (lists are short); unbounded first, inclusive before exclusive.
        var sorted: [GemVersionInterval] = []
        for item in items {
            var index = sorted.count
            while index > 0, try lowerPrecedes(item.lower, sorted[index - 1].lower) { index -= 1 }
            sorted.insert(item, at: index)
        }
        var merged: [GemVersionInterval] = []
        for item in sorted {
            guard var last = merged.last else {
                merged.append(item)
                continue
            }
            if try touches(last.upper, item.lower) {
                last.upper = try looserUpper(last.upper, item.upper)
                merged[merged.count - 1] = last
            } else {
                merged.append(item)
            }
        }
        return merged
    }

    /// The versions in none of `disjoint` (sorted, disjoint intervals from ``union(_:)``).
    static func complement(of disjoint: [GemVersionInterval]) -> [GemVersionInterval] {
        var result: [GemVersionInterval] = []
        var start: GemVersionBound? = nil
        for interval in disjoint {
            if let lower = interval.lower {
                result.append(
                    GemVersionInterval(
                        lower: start,
                        upper: GemVersionBound(version: lower.version, inclusive: !lower.inclusive)
                    )
                )
            }
            guard let upper = interval.upper else { return result }
            start = GemVersionBound(version: upper.version, inclusive: !upper.inclusive)
        }
        result.append(GemVersionInterval(lower: start, upper: nil))
        return result
    }

    private static func lowerPrecedes(_ a: GemVersionBound?, _ b: GemVersionBound?) throws(VersionParseError) -> Bool {
        guard let a else { return b != nil }
        guard let b else { return false }
        let order = try compare(a.version, b.version)
        return order < 0 || (order == 0 && a.inclusive && !b.inclusive)
    }

    /// True when an interval ending at `upper` overlaps or meets one starting at `lower`.
    private static func touches(_ upper: GemVersionBound?, _ lower: GemVersionBound?) throws(VersionParseError) -> Bool
    {
        guard let upper, let lower else { return true }
        let order = try compare(lower.version, upper.version)
        return order < 0 || (order == 0 && (upper.inclusive || lower.inclusive))
    }

    private static func looserUpper(_ a: GemVersionBound?, _ b: GemVersionBound?) throws(VersionParseError)
        -> GemVersionBound?
    {
        guard let a, let b else { return nil }
        let order = try compare(a.version, b.version)
        if order == 0 { return GemVersionBound(version: a.version, inclusive: a.inclusive || b.inclusive) }
        return order > 0 ? a : b
    }
}
