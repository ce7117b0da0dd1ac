/// The results of a batch download, in request order, with the updated cache state.
public struct FeedDownloadReport: Sendable {
    /// One result per request, in the order of the requests.
    public var results: [FeedDownloadResult]
    /// The caller's state updated for every success (new validators and checksum for downloads,
    /// fresh `fetchedAt` for 304s); entries of failed feeds are left as they were.
    public var cache: FeedCacheState

    /// Creates a report.
    public init(results: [FeedDownloadResult], cache: FeedCacheState) {
        self.results = results
        self.cache = cache
    }

    /// The errors of the feeds that failed, in request order.
    public var failures: [FeedDownloadError] {
        results.compactMap { result in
            if case .failure(let error) = result.outcome { return error }
            return nil
        }
    }
}
