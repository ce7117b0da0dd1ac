public import AdvisoryModel

/// Why a feed file could not be imported. Always names the file (and, inside an archive, the
/// entry) and what is wrong; an import that throws leaves the existing database untouched.
public struct FeedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of problem; each maps to a stable error code in reports.
    public enum Kind: String, Sendable, Hashable {
        /// The bytes are not the format the feed should have (bad JSON/YAML/CSV, missing fields).
        case malformed = "feed-malformed"
        /// A file, line or archive member is larger than the import limits allow.
        case tooLarge = "feed-too-large"
        /// An archive entry would escape the archive (`../`, absolute path, link).
        case unsafePath = "feed-unsafe-path"
        /// Decompression would exceed the size or ratio limits (a decompression bomb).
        case decompressionBomb = "feed-decompression-bomb"
        /// The file is truncated (archive or compressed stream ends early).
        case truncated = "feed-truncated"
        /// A format or feature Bulkhead does not support.
        case unsupported = "feed-unsupported"
    }

    public var kind: Kind
    /// The file, and for archives `archive.zip!/entry/path`.
    public var path: String
    /// What is wrong, in words.
    public var reason: String

    public init(_ kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// One file of a feed: a path (for messages and for choosing a parser) and its bytes.
public struct FeedDocument: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What parsing one feed document produced.
public struct FeedRecords: Sendable {
    public var advisories: [Advisory]
    public var enrichments: [VulnerabilityEnrichment]
    /// Records skipped for a reason worth telling (unknown ecosystem, unparsable range…): the
    /// import goes on, the count and first few reasons are reported.
    public var skipped: [String]

    public init(advisories: [Advisory] = [], enrichments: [VulnerabilityEnrichment] = [], skipped: [String] = []) {
        self.advisories = advisories
        self.enrichments = enrichments
        self.skipped = skipped
    }

    public mutating func append(_ other: FeedRecords) {
        advisories += other.advisories
        enrichments += other.enrichments
        skipped += other.skipped
    }
}

/// A parser for one feed format. Pure: bytes in, records out; never crashes on any input.
public protocol FeedParser: Sendable {
    /// True when `path` (a file name inside a feed directory or archive) is a document of this
    /// format; other files (README, LICENSE…) are skipped.
    func accepts(path: String) -> Bool
    /// Parses one document.
    func parse(_ document: FeedDocument) throws(FeedError) -> FeedRecords
}
