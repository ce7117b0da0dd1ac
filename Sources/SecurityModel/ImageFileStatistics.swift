/// Size accounting of an image's layers, computed while they are merged: what each layer adds and
/// how many bytes are wasted by files that later layers overwrite or delete (as `dive` reports).
public struct ImageFileStatistics: Sendable, Hashable {
    /// Per layer, bottom first.
    public var layers: [LayerStatistics]
    /// Files whose bytes are in the image but not visible in the final file system, largest first.
    public var wastedFiles: [WastedFile]

    public init(layers: [LayerStatistics] = [], wastedFiles: [WastedFile] = []) {
        self.layers = layers
        self.wastedFiles = wastedFiles
    }

    /// Total bytes of file content across all layers.
    public var totalBytes: Int { layers.reduce(0) { $0 + $1.addedBytes } }
    /// Bytes of content not visible in the final file system.
    public var wastedBytes: Int { wastedFiles.reduce(0) { $0 + $1.wastedBytes } }
    /// `1 - wasted/total` (1.0 for an empty image), as dive's efficiency score.
    public var efficiency: Double {
        totalBytes == 0 ? 1.0 : 1.0 - Double(wastedBytes) / Double(totalBytes)
    }
}

/// What one layer contributes.
public struct LayerStatistics: Sendable, Hashable {
    public var index: Int
    /// Bytes of regular-file content in the layer's tar.
    public var addedBytes: Int
    /// Number of entries in the layer's tar.
    public var entryCount: Int
    /// Whiteouts (deletions) in the layer.
    public var deletionCount: Int

    public init(index: Int, addedBytes: Int, entryCount: Int, deletionCount: Int) {
        self.index = index
        self.addedBytes = addedBytes
        self.entryCount = entryCount
        self.deletionCount = deletionCount
    }
}

/// A path whose content was written by a layer and then overwritten or deleted by a later one.
public struct WastedFile: Sendable, Hashable {
    public var path: String
    /// Bytes hidden in lower layers (sum over every hidden copy).
    public var wastedBytes: Int
    /// Layers that wrote a hidden copy.
    public var layerIndices: [Int]
    /// True when the final file system has no such file (deleted), false when overwritten.
    public var deleted: Bool

    public init(path: String, wastedBytes: Int, layerIndices: [Int], deleted: Bool) {
        self.path = path
        self.wastedBytes = wastedBytes
        self.layerIndices = layerIndices
        self.deleted = deleted
    }
}
