/// Limits, retries and timeouts for ``FeedDownloader``.
public struct FeedDownloadConfiguration: Sendable, Equatable {
    /// Total requests per feed, the first included (at least 1). Default 4.
    public var maxAttempts: Int
    /// Backoff before the second attempt; it doubles each time (with jitter). Default 500 ms.
    public var baseDelay: Duration
    /// Upper bound of one backoff delay. Default 30 s.
    public var maxDelay: Duration
    /// Upper bound for a server's `Retry-After`. Default 60 s.
    public var retryAfterCap: Duration
    /// Largest accepted body. Default 2 GiB.
    public var maxBytes: Int64
    /// Longest time without receiving a byte before an attempt fails (retryable). Default 60 s.
    public var idleTimeout: Duration
    /// Longest time for one feed, all attempts and delays included. Default 30 min.
    public var totalTimeout: Duration
    /// How many feeds download at once (at least 1). Default 4.
    public var maxConcurrentDownloads: Int
    /// The `User-Agent` header.
    public var userAgent: String

    /// Creates a configuration; every parameter has the documented default.
    public init(
        maxAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(30),
        retryAfterCap: Duration = .seconds(60),
        maxBytes: Int64 = 2 << 30,
        idleTimeout: Duration = .seconds(60),
        totalTimeout: Duration = .seconds(1800),
        maxConcurrentDownloads: Int = 4,
        userAgent: String = "bulkhead-feed-downloader"
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.retryAfterCap = retryAfterCap
        self.maxBytes = maxBytes
        self.idleTimeout = idleTimeout
        self.totalTimeout = totalTimeout
        self.maxConcurrentDownloads = maxConcurrentDownloads
        self.userAgent = userAgent
    }
}
