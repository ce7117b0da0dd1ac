public import Foundation

/// Per-URL conditional-request state (ETag, Last-Modified, SHA-256, fetch time), kept by the caller
/// between runs and stored as JSON.
///
/// ``FeedDownloader`` reads it to send `If-None-Match` / `If-Modified-Since` and returns an updated
/// copy. Persist the updated copy only once the downloaded data has been imported: a state that
/// claims a version the database does not hold would make the next run answer "not modified".
public struct FeedCacheState: Codable, Sendable, Equatable {
    /// Entries keyed by the URL's absolute string.
    public var entries: [String: FeedCacheEntry]

    /// Creates a state (empty by default).
    public init(entries: [String: FeedCacheEntry] = [:]) {
        self.entries = entries
    }

    /// The entry for `url`, if any.
    public subscript(url: URL) -> FeedCacheEntry? {
        get { entries[url.absoluteString] }
        set { entries[url.absoluteString] = newValue }
    }

    /// Pretty, key-sorted JSON with ISO 8601 dates.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads JSON written by ``jsonData()``.
    public init(jsonData: Data) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        self = try decoder.decode(Self.self, from: jsonData)
    }
}
