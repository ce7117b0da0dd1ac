public import FoundationEssentials
public import SecurityModel

/// A waiver: findings of `rules` (all rules when empty) in files matching `paths` (all files when
/// empty) and about objects matching `objects` (all when empty) are hidden, until `expires`.
public struct IgnoreEntry: Sendable, Hashable {
    /// Rule names (ids, aliases, slugs).
    public var rules: [String]
    /// Glob patterns (`**`, `*`, `?`) matched against the path as given.
    public var paths: [String]
    /// Glob patterns matched against what a runtime finding is about: a container's name, id (full or
    /// short), or image; a Kubernetes object `kind/namespace/name`; a Compose `service/name`.
    public var objects: [String]
    /// Why the waiver exists (shown in reports).
    public var reason: String?
    /// After this day the waiver stops hiding findings and the report says so.
    public var expires: Date?

    public init(
        rules: [String] = [],
        paths: [String] = [],
        objects: [String] = [],
        reason: String? = nil,
        expires: Date? = nil
    ) {
        self.rules = rules
        self.paths = paths
        self.objects = objects
        self.reason = reason
        self.expires = expires
    }

    /// True when the waiver has expired at `now`.
    public func isExpired(at now: Date) -> Bool { expires.map { now > $0 } ?? false }

    /// True when the waiver covers `path` (ignoring rules and expiry).
    public func covers(path: String) -> Bool {
        paths.isEmpty || paths.contains { Glob.matches(pattern: $0, path: path) }
    }

    /// True when the waiver covers `finding`'s object: one of ``objects`` matches the container name, id or
    /// image, the manifest object or the Compose service (always true when ``objects`` is empty).
    public func covers(object finding: Finding) -> Bool {
        guard !objects.isEmpty else { return true }
        let names = Self.objectNames(finding.location)
        return objects.contains { pattern in names.contains { Glob.matches(pattern: pattern, path: $0) } }
    }

    /// True when `name` is one of ``rules`` (id, alias or slug, case-insensitive), or ``rules`` is empty.
    public func covers(ruleID: String, aliases: [String]) -> Bool {
        guard !rules.isEmpty else { return true }
        let all = ([ruleID] + aliases).map { $0.uppercased() }
        return rules.contains { all.contains($0.uppercased()) }
    }

    /// True when this unexpired waiver hides `finding` at `now`.
    public func waives(_ finding: Finding, at now: Date) -> Bool {
        !isExpired(at: now) && covers(path: finding.location.file ?? "")
            && covers(ruleID: finding.ruleID, aliases: finding.aliases) && covers(object: finding)
    }

    /// The names a finding's object answers to: the container's display name split into name, short id and
    /// image (`web (id: 0123456789ab, image: nginx:1)`), the image, and the manifest/Compose object.
    static func objectNames(_ location: Location) -> [String] {
        var names: [String] = []
        if let object = location.object { names.append(object) }
        if let image = location.image { names.append(image) }
        if let container = location.container {
            names.append(container)
            if let open = container.firstRange(of: " (") {
                names.append(String(container[..<open.lowerBound]))
                let details = container[open.upperBound...].dropLast()
                for part in details.split(separator: ",") {
                    let trimmed = part.drop { $0 == " " }
                    for prefix in ["id: ", "image: "] where trimmed.hasPrefix(prefix) {
                        names.append(String(trimmed.dropFirst(prefix.count)))
                    }
                }
            }
        }
        return names
    }
}
