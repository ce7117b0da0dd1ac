import OCIImage
import SecurityModel

/// An ``ImageSource`` over blobs in memory.
struct MemoryImageSource: ImageSource {
    var metadata = ImageMetadata(reference: "memory")
    var config: [UInt8] = []
    var layers: [LayerInfo] = []
    var blobs: [[UInt8]] = []

    /// An image of `tars` (uncompressed layer tars), compressed with `compress`, with a config listing
    /// their diff_ids and `configExtra` JSON members spliced into the config object.
    init(tars: [[UInt8]], compress: ([UInt8]) -> [UInt8] = { TestCodec.gzip($0) }, configExtra: String = "") {
        var diffIDs: [String] = []
        for tar in tars {
            let blob = compress(tar)
            blobs.append(blob)
            diffIDs.append(TestCodec.sha256(tar))
            layers.append(
                LayerInfo(
                    digest: TestCodec.sha256(blob),
                    mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
                    size: blob.count
                )
            )
        }
        let ids = diffIDs.map { "\"\($0)\"" }.joined(separator: ",")
        let json =
            "{\"architecture\":\"amd64\",\"os\":\"linux\"\(configExtra.isEmpty ? "" : ",")\(configExtra),"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\(ids)]}}"
        config = Array(json.utf8)
        metadata.configDigest = TestCodec.sha256(config)
    }

    func resolve() throws(ImageError) -> ResolvedImage {
        ResolvedImage(metadata: metadata, configBytes: config, layers: layers)
    }

    func openLayer(_ layer: LayerInfo, index: Int) throws(ImageError) -> any ByteStream {
        MemoryByteStream(blobs[index])
    }
}

/// Yields a stream in small, irregular chunks (exercises buffer boundaries).
struct ChunkedStream: ByteStream {
    var inner: MemoryByteStream
    var sizes: [Int]
    var turn = 0

    init(_ bytes: [UInt8], sizes: [Int] = [1, 7, 511, 513, 3, 4096]) {
        inner = MemoryByteStream(bytes)
        self.sizes = sizes
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        let size = min(sizes[turn % sizes.count], buffer.count)
        turn += 1
        return try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<size]))
    }
}
