/// What a successful download call produced.
public enum FeedDownloadOutcome: Sendable, Equatable {
    /// New bytes are in the staging directory.
    case downloaded(DownloadedFeed)
    /// The server answered 304: the caller's previous data is current. Nothing was written. The
    /// values are the validators the 304 carried (nil when it carried none) and the attempts made.
    case notModified(etag: String?, lastModified: String?, attempts: Int)

    /// Requests made.
    public var attempts: Int {
        switch self {
        case .downloaded(let feed): feed.attempts
        case .notModified(_, _, let attempts): attempts
        }
    }
}
