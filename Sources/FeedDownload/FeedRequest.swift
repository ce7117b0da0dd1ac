public import Foundation

/// One feed to download: where from, the file name in the staging directory, and optionally the
/// SHA-256 the publisher announces for it.
public struct FeedRequest: Sendable, Equatable {
    /// `http://`, `https://` or `file://` URL.
    public var url: URL
    /// File name inside the staging directory (a single path component, not `.` or `..`).
    public var name: String
    /// Lower- or upper-case hex SHA-256 the bytes must have, when known.
    public var expectedSHA256: String?

    /// Creates a request.
    public init(url: URL, name: String, expectedSHA256: String? = nil) {
        self.url = url
        self.name = name
        self.expectedSHA256 = expectedSHA256
    }
}
