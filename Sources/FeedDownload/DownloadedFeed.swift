public import Foundation

/// A feed that was downloaded completely and verified; its bytes are at ``path``.
public struct DownloadedFeed: Sendable, Equatable {
    /// The URL it came from.
    public var url: URL
    /// Absolute path of the complete file: `<staging>/<name>`.
    public var path: String
    /// Number of bytes written (equal to Content-Length when the server sent one).
    public var byteCount: Int64
    /// Lower-case hex SHA-256 of the bytes.
    public var sha256: String
    /// The response's `ETag`, if any.
    public var etag: String?
    /// The response's `Last-Modified`, if any.
    public var lastModified: String?
    /// Requests made, the successful one included.
    public var attempts: Int

    /// Creates a value.
    public init(
        url: URL,
        path: String,
        byteCount: Int64,
        sha256: String,
        etag: String?,
        lastModified: String?,
        attempts: Int
    ) {
        self.url = url
        self.path = path
        self.byteCount = byteCount
        self.sha256 = sha256
        self.etag = etag
        self.lastModified = lastModified
        self.attempts = attempts
    }
}
