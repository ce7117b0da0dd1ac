public import Foundation

/// Progress of one download, reported through the callback given to ``FeedDownloader``.
public struct FeedDownloadProgress: Sendable, Equatable {
    /// The feed's URL.
    public var url: URL
    /// The feed's staging name.
    public var name: String
    /// Bytes received so far in the current attempt.
    public var receivedBytes: Int64
    /// Content-Length (or the local file's size), when known.
    public var expectedBytes: Int64?
    /// The current attempt, from 1.
    public var attempt: Int
    /// True for the last report of an attempt that received the whole body.
    public var isComplete: Bool

    /// Creates a value.
    public init(
        url: URL,
        name: String,
        receivedBytes: Int64,
        expectedBytes: Int64?,
        attempt: Int,
        isComplete: Bool
    ) {
        self.url = url
        self.name = name
        self.receivedBytes = receivedBytes
        self.expectedBytes = expectedBytes
        self.attempt = attempt
        self.isComplete = isComplete
    }
}
