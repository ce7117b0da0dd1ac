/// A Pod Security Standards policy version (`v1.25`) or `latest`; version-dependent controls are gated on it
/// as the Pod Security Admission controller does.
public struct PSSVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Major version (1).
    public var major: Int
    /// Minor version (25).
    public var minor: Int

    /// Creates `major.minor`.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// The newest policy: every control and every relaxation known to Bulkhead applies.
    public static let latest = PSSVersion(major: 1, minor: 1_000_000)

    /// Parses `latest`, `v1.25` or `1.25`; nil for anything else.
    public init?(parsing text: String) {
        var rest = Substring(text.lowercased())
        if rest == "latest" {
            self = .latest
            return
        }
        if rest.hasPrefix("v") { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0
        else { return nil }
        self.init(major: major, minor: minor)
    }

    /// True for ``latest``.
    public var isLatest: Bool { self == .latest }

    public static func < (lhs: PSSVersion, rhs: PSSVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    /// `latest` or `v1.25`.
    public var description: String { isLatest ? "latest" : "v\(major).\(minor)" }

    /// Shorthand for `1.minor`.
    static func v1(_ minor: Int) -> PSSVersion { PSSVersion(major: 1, minor: minor) }
}
