public import SecurityModel

/// Size by layer and wasted space of an image, as `dive` reports them: bytes added per layer, bytes
/// hidden by later layers (files overwritten or deleted), and the efficiency score `1 - wasted/total`.
public struct ImageEfficiency: Sendable, Hashable {
    /// Per layer, bottom first.
    public var layers: [LayerStatistics]
    /// Bytes of file content across all layers.
    public var totalBytes: Int
    /// Bytes not visible in the final file system.
    public var wastedBytes: Int
    /// `1 - wasted/total`; 1.0 for an empty image.
    public var efficiency: Double
    /// The files wasting the most bytes, largest first.
    public var topWastedFiles: [WastedFile]

    /// Summarises `statistics`, keeping the `top` largest wasted files.
    public init(_ statistics: ImageFileStatistics, top: Int = 10) {
        layers = statistics.layers
        totalBytes = statistics.totalBytes
        wastedBytes = statistics.wastedBytes
        efficiency = statistics.efficiency
        topWastedFiles = Array(
            statistics.wastedFiles.sorted {
                $0.wastedBytes != $1.wastedBytes ? $0.wastedBytes > $1.wastedBytes : $0.path < $1.path
            }
            .prefix(max(top, 0))
        )
    }

    /// One line per layer: `#0  5.6 MB  (1234 entries, 0 deletions)`.
    public var layerLines: [String] {
        layers.map { layer in
            "#\(layer.index)  \(ByteCount.format(layer.addedBytes))  (\(layer.entryCount) entries, "
                + "\(layer.deletionCount) deletions)"
        }
    }
}
