public import VersionKit

/// A version ordering, dispatching to the VersionKit type of each ecosystem.
public enum VersionScheme: String, Sendable, Hashable, CaseIterable {
    case dpkg, rpm, apk, pep440, semver, go, maven, rubyGems, nuget, composer

    /// Compares two versions: negative, zero or positive like `strcmp`. Throws when either does
    /// not parse in this scheme.
    public func compare(_ a: String, _ b: String) throws(VersionParseError) -> Int {
        switch self {
        case .dpkg: try Self.order(DebianVersion(parsing: a), DebianVersion(parsing: b))
        case .rpm: try Self.order(RPMVersion(parsing: a), RPMVersion(parsing: b))
        case .apk: try Self.order(APKVersion(parsing: a), APKVersion(parsing: b))
        case .pep440: try Self.order(PEP440Version(parsing: a), PEP440Version(parsing: b))
        case .semver: try Self.order(SemanticVersion(parsing: a), SemanticVersion(parsing: b))
        case .go:
            try Self.order(GoModuleVersion(parsing: Self.goSpelling(a)), GoModuleVersion(parsing: Self.goSpelling(b)))
        case .maven: try Self.order(MavenVersion(parsing: a), MavenVersion(parsing: b))
        case .rubyGems: try Self.order(RubyGemsVersion(parsing: a), RubyGemsVersion(parsing: b))
        case .nuget: try Self.order(NuGetVersion(parsing: a), NuGetVersion(parsing: b))
        case .composer: try Self.order(ComposerVersion(parsing: a), ComposerVersion(parsing: b))
        }
    }

    /// Checks that `text` parses in this scheme.
    public func validate(_ text: String) throws(VersionParseError) {
        _ = try compare(text, text)
    }

    private static func order<V: Comparable>(_ a: V, _ b: V) -> Int { a < b ? -1 : (b < a ? 1 : 0) }

    /// OSV's Go ranges omit the `v` that go.mod versions carry.
    private static func goSpelling(_ v: String) -> String { v.hasPrefix("v") ? v : "v" + v }
}
