public import FoundationEssentials

/// A waiver: findings of `rules` (all rules when empty) in files matching `paths` (all files when
/// empty) are hidden, until `expires`.
public struct IgnoreEntry: Sendable, Hashable {
    /// Rule names (ids, aliases, slugs).
    public var rules: [String]
    /// Glob patterns (`**`, `*`, `?`) matched against the path as given.
    public var paths: [String]
    /// Why the waiver exists (shown in reports).
    public var reason: String?
    /// After this day the waiver stops hiding findings and the report says so.
    public var expires: Date?

    public init(rules: [String] = [], paths: [String] = [], reason: String? = nil, expires: Date? = nil) {
        self.rules = rules
        self.paths = paths
        self.reason = reason
        self.expires = expires
    }

    /// True when the waiver has expired at `now`.
    public func isExpired(at now: Date) -> Bool { expires.map { now > $0 } ?? false }

    /// True when the waiver covers `path` (ignoring rules and expiry).
    public func covers(path: String) -> Bool {
        paths.isEmpty || paths.contains { Glob.matches(pattern: $0, path: path) }
    }
}
