public import Foundation

/// What was remembered about one feed URL after its last successful download.
public struct FeedCacheEntry: Codable, Sendable, Equatable {
    /// The `ETag` the server sent, sent back as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` the server sent, sent back as `If-Modified-Since`.
    public var lastModified: String?
    /// Lower-case hex SHA-256 of the downloaded bytes.
    public var sha256: String?
    /// Size of the downloaded bytes.
    public var byteCount: Int64?
    /// When the feed was last fetched or confirmed unchanged (whole seconds).
    public var fetchedAt: Date?

    /// Creates an entry.
    public init(
        etag: String? = nil,
        lastModified: String? = nil,
        sha256: String? = nil,
        byteCount: Int64? = nil,
        fetchedAt: Date? = nil
    ) {
        self.etag = etag
        self.lastModified = lastModified
        self.sha256 = sha256
        self.byteCount = byteCount
        self.fetchedAt = fetchedAt.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
    }
}
