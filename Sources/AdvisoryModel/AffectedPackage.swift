public import SecurityModel

/// One package named by an advisory, with the versions it affects in one ecosystem (and, for a
/// distribution, one release).
public struct AffectedPackage: Sendable, Hashable {
    /// Where the package lives: ecosystem, distro release, normalised name.
    public var key: PackageKey
    /// Version ranges (OSV semantics: a version is affected when any range contains it).
    public var ranges: [AffectedRange]
    /// Versions listed one by one as affected (OSV `versions`).
    public var versions: [String]
    /// What the publisher says about this package beyond the ranges.
    public var status: AffectedStatus
    /// Severity the distribution/vendor gives for this package (Debian urgency, Ubuntu priority…).
    public var vendorSeverity: Severity?
    /// The vendor's own severity label as published (`unimportant`, `medium**`, …), for display.
    public var vendorSeverityLabel: String?

    public init(
        key: PackageKey,
        ranges: [AffectedRange] = [],
        versions: [String] = [],
        status: AffectedStatus = .affected,
        vendorSeverity: Severity? = nil,
        vendorSeverityLabel: String? = nil
    ) {
        self.key = key
        self.ranges = ranges
        self.versions = versions
        self.status = status
        self.vendorSeverity = vendorSeverity
        self.vendorSeverityLabel = vendorSeverityLabel
    }
}

/// The lookup key of an affected package: ecosystem + (distro release) + normalised name.
public struct PackageKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var ecosystem: Ecosystem
    /// Distribution release (`3.10` for Alpine, `bookworm` for Debian, `22.04` for Ubuntu); nil
    /// for language ecosystems.
    public var release: String?
    /// Package name, already normalised with ``Ecosystem/normalizedName(_:)``; for distributions
    /// this is the source package name.
    public var name: String

    /// Normalises `name` for `ecosystem`.
    public init(ecosystem: Ecosystem, release: String? = nil, name: String) {
        self.ecosystem = ecosystem
        self.release = release
        self.name = ecosystem.normalizedName(name)
    }

    public static func < (l: PackageKey, r: PackageKey) -> Bool {
        (l.ecosystem.rawValue, l.release ?? "", l.name) < (r.ecosystem.rawValue, r.release ?? "", r.name)
    }

    public var description: String {
        release.map { "\(ecosystem.rawValue):\($0)/\(name)" } ?? "\(ecosystem.rawValue)/\(name)"
    }
}

/// The publisher's verdict for a package, beyond its version ranges.
public enum AffectedStatus: String, Sendable, Hashable, CaseIterable {
    /// Affected in the versions the ranges describe; a range with a `fixed` event has a fix.
    case affected
    /// Affected, and no fix exists yet (Debian `open`, secdb without a fix).
    case notFixed = "not-fixed"
    /// The vendor decided not to fix (Debian `<no-dsa>`/`ignored`, Ubuntu `wont-fix`).
    case willNotFix = "will-not-fix"
    /// The release reached end of life for this package; no fix will come.
    case endOfLife = "end-of-life"
    /// The vendor has not decided yet (Debian `undetermined`).
    case undetermined
    /// Never affected (secdb `0` key, Debian fixed_version `0`): must not be reported.
    case notAffected = "not-affected"
}

/// One OSV-style range: events on one version scale.
public struct AffectedRange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The ecosystem's own version ordering.
        case ecosystem = "ECOSYSTEM"
        /// SemVer 2.0 ordering regardless of ecosystem.
        case semver = "SEMVER"
        /// Git commits: recorded but never matched (no commit information in an image).
        case git = "GIT"
    }

    public var kind: Kind
    public var events: [RangeEvent]

    public init(kind: Kind, events: [RangeEvent]) {
        self.kind = kind
        self.events = events
    }

    /// The versions that fix this range (`fixed` events).
    public var fixedVersions: [String] {
        events.compactMap { if case .fixed(let v) = $0 { v } else { nil } }
    }
}

/// An OSV range event. `introduced("0")` means "from the first version".
public enum RangeEvent: Sendable, Hashable {
    case introduced(String)
    case fixed(String)
    case lastAffected(String)
    case limit(String)

    /// The version the event names.
    public var version: String {
        switch self {
        case .introduced(let v), .fixed(let v), .lastAffected(let v), .limit(let v): v
        }
    }
}
