public import SecurityModel

/// Everything reading an image produced.
public struct ImageContents: Sendable {
    /// The source's metadata with the config applied and every layer's `diffID` and
    /// `uncompressedSize` filled in.
    public var metadata: ImageMetadata
    /// The squashed root file system.
    public var tree: LayeredFileTree
    /// Size per layer and bytes wasted by overwritten or deleted files.
    public var statistics: ImageFileStatistics
    /// Odd but survivable things met (paths above the root, writes through symlinks, …).
    public var diagnostics: [ImageDiagnostic]

    /// Contents from their parts.
    public init(
        metadata: ImageMetadata,
        tree: LayeredFileTree,
        statistics: ImageFileStatistics,
        diagnostics: [ImageDiagnostic]
    ) {
        self.metadata = metadata
        self.tree = tree
        self.statistics = statistics
        self.diagnostics = diagnostics
    }
}
