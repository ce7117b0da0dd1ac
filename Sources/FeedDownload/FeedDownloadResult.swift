/// The result for one request of a batch.
public struct FeedDownloadResult: Sendable {
    /// The request.
    public var request: FeedRequest
    /// What happened.
    public var outcome: Result<FeedDownloadOutcome, FeedDownloadError>

    /// Creates a result.
    public init(request: FeedRequest, outcome: Result<FeedDownloadOutcome, FeedDownloadError>) {
        self.request = request
        self.outcome = outcome
    }
}
