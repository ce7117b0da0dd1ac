public import OCIImage
public import SecurityModel

/// A root file system tarball (plain, gzip or zstd), such as `alpine-minirootfs-3.19.1-x86_64.tar.gz`,
/// read as an image of one layer with no config. When the publisher's checksum is known, pass it as
/// `digest` (`sha256:…` or `sha512:…`) and the bytes are verified against it.
public struct RootfsTarballSource: ImageSource {
    private let path: String
    private let reference: String
    private let digest: Digest?

    public init(path: String, reference: String, digest: Digest? = nil) {
        self.path = path
        self.reference = reference
        self.digest = digest
    }

    public func resolve() throws(ImageError) -> ResolvedImage {
        let file = try ReadOnlyFile(path: path)
        let layer = LayerInfo(digest: digest?.description, size: file.size)
        return ResolvedImage(metadata: ImageMetadata(reference: reference), configBytes: [], layers: [layer])
    }

    public func openLayer(_ layer: LayerInfo, index: Int) throws(ImageError) -> any ByteStream {
        try FileByteStream(path: path)
    }
}
