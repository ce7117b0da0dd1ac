/// A version of one packaging ecosystem (dpkg, rpm, apk, PEP 440, SemVer, Go, Maven, RubyGems,
/// NuGet, Composer): parsed once, compared with that ecosystem's own ordering rules.
///
/// Implementations are pure values: parsing never crashes on any input and comparison is a total
/// order consistent with `==` (equal versions may differ in spelling, e.g. `1.0` and `1.0.0` in Maven).
public protocol EcosystemVersion: Comparable, Sendable, CustomStringConvertible {
    /// The ecosystem's name as used in OSV (`Debian`, `PyPI`, `npm`, `Go`, `Maven`, …).
    static var ecosystem: String { get }
    /// Parses `text`; throws ``VersionParseError`` naming the input when it is not a valid version.
    init(parsing text: String) throws(VersionParseError)
}

/// Why a version string could not be parsed.
public struct VersionParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var ecosystem: String
    public var input: String
    public var reason: String

    public init(ecosystem: String, input: String, reason: String) {
        self.ecosystem = ecosystem
        self.input = input
        self.reason = reason
    }

    public var description: String { "invalid \(ecosystem) version '\(input)': \(reason)" }
}
