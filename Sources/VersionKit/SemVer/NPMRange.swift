/// An npm version range (node-semver 7 syntax: `>=1.2.3 <2.0.0`, `1.2 - 2.3.4`, `1.x`, `~1.2.3`, `^0.2.3`,
/// `*`, `""`, `||` alternatives, `v` prefixes, loose whitespace), matched exactly like node-semver's
/// `Range#test` in non-loose mode.
///
/// Parsing follows node-semver's own pipeline (hyphen, comparator-trim, tilde, caret, X-range and star
/// rewriting with the same regular expressions), so odd inputs desugar the same way. Matching includes the
/// prerelease rule: unless `includePrerelease` is set, a prerelease version satisfies a comparator set only
/// when some comparator of that set has a prerelease on the same `major.minor.patch`.
///
/// Difference from node-semver: numeric prerelease identifiers above 2^53 − 1 are compared exactly here,
/// while JavaScript compares them as (rounded) doubles.
public struct NPMRange: Sendable, Hashable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// Whether prerelease versions are matched like any other version (node-semver's `includePrerelease`).
    public let includePrerelease: Bool
    /// The `||` alternatives, each a conjunction of comparators.
    public let comparatorSets: [[NPMComparator]]

    /// Parses `text` like `new Range(text, { includePrerelease })`.
    public init(parsing text: String, includePrerelease: Bool = false) throws(VersionParseError) {
        self.text = text
        self.includePrerelease = includePrerelease
        let raw = NPMRangeDesugar.collapseWhitespace(text)
        var sets: [[NPMComparator]] = []
        for part in raw.split(separator: "||", omittingEmptySubsequences: false) {
            let desugar = NPMRangeDesugar(includePrerelease: includePrerelease)
            let set = try desugar.parseRange(NPMRangeDesugar.trim(String(part)), whole: text)
            if !set.isEmpty { sets.append(set) }
        }
        guard !sets.isEmpty else {
            throw VersionParseError(ecosystem: "npm", input: text, reason: "Invalid SemVer Range")
        }
        if sets.count > 1 {
            let first = sets[0]
            sets = sets.filter { !$0[0].isNullSet }
            if sets.isEmpty {
                sets = [first]
            } else if sets.count > 1, let any = sets.first(where: { $0.count == 1 && $0[0].isAny }) {
                sets = [any]
            }
        }
        self.comparatorSets = sets
    }

    /// node-semver's formatted range (`>=1.2.3 <2.0.0-0||>=3.0.0`).
    public var description: String {
        comparatorSets.map { $0.map(\.description).joined(separator: " ") }.joined(separator: "||")
    }

    /// Whether `version` satisfies the range (`Range#test`).
    public func contains(_ version: SemanticVersion) -> Bool {
        comparatorSets.contains { set in
            guard set.allSatisfy({ $0.matches(version) }) else { return false }
            guard version.isPreRelease, !includePrerelease else { return true }
            return set.contains { comparator in
                guard let bound = comparator.version, bound.isPreRelease else { return false }
                return bound.major == version.major && bound.minor == version.minor
                    && bound.patch == version.patch
            }
        }
    }
}
