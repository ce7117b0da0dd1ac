public import Foundation

extension FeedCacheState {
    /// Records a successful outcome for `url`: a download replaces the entry (validators, checksum,
    /// size); a 304 keeps it, takes any validators the 304 carried and refreshes `fetchedAt`.
    public mutating func record(_ outcome: FeedDownloadOutcome, for url: URL, at date: Date = Date()) {
        switch outcome {
        case .downloaded(let feed):
            self[url] = FeedCacheEntry(
                etag: feed.etag,
                lastModified: feed.lastModified,
                sha256: feed.sha256,
                byteCount: feed.byteCount,
                fetchedAt: date
            )
        case .notModified(let etag, let lastModified, _):
            let old = self[url] ?? FeedCacheEntry()
            self[url] = FeedCacheEntry(
                etag: etag ?? old.etag,
                lastModified: lastModified ?? old.lastModified,
                sha256: old.sha256,
                byteCount: old.byteCount,
                fetchedAt: date
            )
        }
    }
}
