/// The result of one request (one attempt) for a feed.
enum AttemptResult: Sendable {
    case success(FeedDownloadOutcome)
    case failure(FeedDownloadError, retryable: Bool, retryAfter: Duration?)
}
