public import SecurityModel

/// Where an image's parts come from: a `docker save` archive, an OCI layout, a registry, the Docker
/// Engine. A source resolves the image (index → manifest for the platform) and opens blobs; the
/// reader (``ImageReader``) verifies digests, decompresses and merges the layers.
public protocol ImageSource: Sendable {
    /// Resolves the image: its raw config JSON and the ordered layers. Digests in the returned value
    /// are the ones the manifest declares; the reader verifies the bytes against them.
    func resolve() throws(ImageError) -> ResolvedImage
    /// Opens a layer's blob as stored (compressed or not).
    func openLayer(_ layer: LayerInfo, index: Int) throws(ImageError) -> any ByteStream
}

/// An image as a source resolved it.
public struct ResolvedImage: Sendable {
    /// Metadata known before reading the config (reference, tags, manifest digest).
    public var metadata: ImageMetadata
    /// The config JSON bytes (already verified against `metadata.configDigest` by the source when
    /// the source knows the digest).
    public var configBytes: [UInt8]
    /// Layers, bottom first, with the digests/diffIDs/media types the manifest declares.
    public var layers: [LayerInfo]

    public init(metadata: ImageMetadata, configBytes: [UInt8], layers: [LayerInfo]) {
        self.metadata = metadata
        self.configBytes = configBytes
        self.layers = layers
    }
}
