/// Bounds that keep a hostile image from exhausting memory, disk or time while it is read.
///
/// The defaults suit real images (multi-GB layers, hundreds of thousands of files) and stop
/// decompression bombs early: a layer of 10 GB of zeros compresses about 1000:1 with gzip, so it
/// passes the ``expansionCheckThreshold`` (256 MiB) with a ratio far above ``maximumExpansionRatio``
/// and is refused after inflating a quarter of a gigabyte. A genuine layer holding a large
/// zero-filled file can trip the same guard; raise the ratio for such images.
public struct ImageReadLimits: Sendable, Hashable {
    /// What to do with tar entries whose path climbs above the root (`../../etc/passwd`).
    public enum UnsafePathPolicy: Sendable, Hashable {
        /// Keep them inside the image root (as `TreePath.normalize` does: `..` cannot climb above
        /// `/`), exactly where the runtime's root-bounded extraction puts them, and report each one
        /// as an ``ImageDiagnostic``. The default.
        case normalize
        /// Refuse the layer with ``ImageError/Code-swift.struct/unsafePath``.
        case reject
    }

    /// Largest uncompressed size of one layer (default 16 GiB).
    public var maximumLayerSize: Int
    /// Largest ratio uncompressed/compressed bytes of one layer once ``expansionCheckThreshold``
    /// bytes have been produced (default 200).
    public var maximumExpansionRatio: Int
    /// Uncompressed bytes of a layer after which the expansion ratio is enforced (default 256 MiB),
    /// so that small, very compressible layers pass.
    public var expansionCheckThreshold: Int
    /// Largest regular file whose content is kept for a caller that requires it (default 512 MiB).
    public var maximumRetainedFileSize: Int
    /// Largest PAX extended header or GNU long name/link (default 1 MiB).
    public var maximumMetadataSize: Int
    /// Most tar entries in one layer (default 10 million).
    public var maximumEntriesPerLayer: Int
    /// Largest config, manifest or index JSON (default 16 MiB).
    public var maximumJSONSize: Int
    /// Longest member path kept (default 4096, Linux's `PATH_MAX`); longer ones are skipped with a
    /// diagnostic, as the runtime cannot create them either.
    public var maximumPathLength: Int
    /// Most bytes of paths in the merged tree (the sum of every entry's full path; default 1 GiB),
    /// bounding the memory a hostile tree of long names can take.
    public var maximumTreePathBytes: Int
    /// Most diagnostics kept; later ones are counted in a final summary diagnostic (default 1000).
    public var maximumDiagnostics: Int
    /// See ``UnsafePathPolicy``.
    public var unsafePaths: UnsafePathPolicy

    /// Limits; every parameter defaults to the value documented on its property.
    public init(
        maximumLayerSize: Int = 16 << 30,
        maximumExpansionRatio: Int = 200,
        expansionCheckThreshold: Int = 256 << 20,
        maximumRetainedFileSize: Int = 512 << 20,
        maximumMetadataSize: Int = 1 << 20,
        maximumEntriesPerLayer: Int = 10_000_000,
        maximumJSONSize: Int = 16 << 20,
        maximumPathLength: Int = 4096,
        maximumTreePathBytes: Int = 1 << 30,
        maximumDiagnostics: Int = 1000,
        unsafePaths: UnsafePathPolicy = .normalize
    ) {
        self.maximumLayerSize = maximumLayerSize
        self.maximumExpansionRatio = maximumExpansionRatio
        self.expansionCheckThreshold = expansionCheckThreshold
        self.maximumRetainedFileSize = maximumRetainedFileSize
        self.maximumMetadataSize = maximumMetadataSize
        self.maximumEntriesPerLayer = maximumEntriesPerLayer
        self.maximumJSONSize = maximumJSONSize
        self.maximumPathLength = maximumPathLength
        self.maximumTreePathBytes = maximumTreePathBytes
        self.maximumDiagnostics = maximumDiagnostics
        self.unsafePaths = unsafePaths
    }
}
