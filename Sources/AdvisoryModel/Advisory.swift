public import SecurityModel

/// One published vulnerability record, normalised from any feed (OSV, Alpine secdb, Debian
/// tracker, DSA/DLA lists, rubysec, NVD…). A record names the packages it affects; the matcher
/// looks records up by ``AffectedPackage/key``.
public struct Advisory: Sendable, Hashable {
    /// The id as the publisher spells it: `CVE-2019-14697`, `PYSEC-2021-1`, `GHSA-…`, `DSA-4470-1`.
    public var id: String
    /// Other ids of the same vulnerability (CVE, GHSA, DSA/DLA, ALPINE, PYSEC…), without `id`.
    public var aliases: [String]
    /// Ids of related records that are not the same vulnerability (a DSA/DLA that fixed this
    /// CVE among others). Listed on findings but never used to merge records.
    public var related: [String]
    /// The feed this record came from (a ``FeedID`` raw value such as `alpine`, `osv-pypi`).
    public var source: String
    /// One-line summary, if the feed has one.
    public var summary: String?
    /// Longer description, if the feed has one (may be truncated by the importer).
    public var details: String?
    /// ISO 8601 timestamps as published.
    public var published: String?
    public var modified: String?
    /// When the record was withdrawn; withdrawn records never match.
    public var withdrawn: String?
    /// The publisher's own severity for the whole record (e.g. GHSA `database_specific.severity`).
    public var vendorSeverity: Severity?
    /// CVSS vectors as published (`CVSS:3.1/AV:N/…`, `CVSS:4.0/…`, or a v2 vector).
    public var cvssVectors: [String]
    /// CWE ids (`CWE-79`).
    public var cwes: [String]
    /// Reference URLs.
    public var references: [String]
    /// The packages this record affects.
    public var affected: [AffectedPackage]

    public init(
        id: String,
        aliases: [String] = [],
        related: [String] = [],
        source: String,
        summary: String? = nil,
        details: String? = nil,
        published: String? = nil,
        modified: String? = nil,
        withdrawn: String? = nil,
        vendorSeverity: Severity? = nil,
        cvssVectors: [String] = [],
        cwes: [String] = [],
        references: [String] = [],
        affected: [AffectedPackage] = []
    ) {
        self.id = id
        self.aliases = aliases
        self.related = related
        self.source = source
        self.summary = summary
        self.details = details
        self.published = published
        self.modified = modified
        self.withdrawn = withdrawn
        self.vendorSeverity = vendorSeverity
        self.cvssVectors = cvssVectors
        self.cwes = cwes
        self.references = references
        self.affected = affected
    }

    /// `id` followed by the aliases.
    public var allIDs: [String] { [id] + aliases.filter { $0 != id } }
}

/// Facts about a CVE that do not depend on a package: NVD's CVSS/CWE, CISA KEV membership, EPSS.
public struct VulnerabilityEnrichment: Sendable, Hashable {
    /// The CVE id.
    public var cve: String
    /// CVSS vectors from NVD (primary first).
    public var cvssVectors: [String]
    /// CVSS base scores as NVD published them, keyed by vector (used to cross-check our scoring).
    public var publishedScores: [String: Double]
    /// CWE ids from NVD.
    public var cwes: [String]
    /// CVE description from NVD.
    public var description: String?
    /// In CISA's Known Exploited Vulnerabilities catalog, with the date added.
    public var kevDateAdded: String?
    /// EPSS probability (0…1) and percentile (0…1).
    public var epssScore: Double?
    public var epssPercentile: Double?

    public init(
        cve: String,
        cvssVectors: [String] = [],
        publishedScores: [String: Double] = [:],
        cwes: [String] = [],
        description: String? = nil,
        kevDateAdded: String? = nil,
        epssScore: Double? = nil,
        epssPercentile: Double? = nil
    ) {
        self.cve = cve
        self.cvssVectors = cvssVectors
        self.publishedScores = publishedScores
        self.cwes = cwes
        self.description = description
        self.kevDateAdded = kevDateAdded
        self.epssScore = epssScore
        self.epssPercentile = epssPercentile
    }
}
