/// Bounds that keep a hostile feed archive from exhausting memory or time while it is read.
///
/// A zip or tar.gz of 1 GB of zeros deflates about 1000:1; it is refused by the entry size, the
/// total size or the expansion ratio, whichever trips first.
public struct FeedLimits: Sendable, Hashable {
    /// Largest uncompressed size of one document (default 256 MiB).
    public var maximumEntrySize: Int
    /// Largest uncompressed size of the whole archive (default 4 GiB).
    public var maximumTotalSize: Int
    /// Largest ratio uncompressed/compressed bytes (default 200) for entries above ``ratioThreshold``.
    public var maximumRatio: Int
    /// Uncompressed size above which ``maximumRatio`` is enforced (default 1 MiB).
    public var ratioThreshold: Int
    /// Most entries (files, directories) in one archive (default 1 million).
    public var maximumEntries: Int

    /// Limits; every parameter defaults to the value documented on its property.
    public init(
        maximumEntrySize: Int = 256 << 20,
        maximumTotalSize: Int = 4 << 30,
        maximumRatio: Int = 200,
        ratioThreshold: Int = 1 << 20,
        maximumEntries: Int = 1_000_000
    ) {
        self.maximumEntrySize = maximumEntrySize
        self.maximumTotalSize = maximumTotalSize
        self.maximumRatio = maximumRatio
        self.ratioThreshold = ratioThreshold
        self.maximumEntries = maximumEntries
    }
}
