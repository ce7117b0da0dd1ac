import Foundation
public import OCIImage
public import SecurityModel

/// An OCI image layout, as a directory (`oci-layout`, `index.json`, `blobs/`) or as a tar of one
/// (plain or compressed), for example from `skopeo copy … oci:dir:tag` or `oci-archive:`.
///
/// The manifest is chosen by `tag` (the `org.opencontainers.image.ref.name` annotation) when given,
/// then by `platform` (default: the host's). Every document is verified against its digest.
public struct OCILayoutSource: ImageSource {
    private let reader: OCILayoutReader

    /// Opens the layout at `path` (a directory or a tar file); `reference` is what the user typed.
    public init(
        path: String,
        reference: String,
        tag: String? = nil,
        platform: Platform = .host,
        limits: ImageReadLimits = ImageReadLimits(),
        scratchParent: String? = nil
    ) throws(ImageError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImageError(code: .notFound, subject: path, message: "no such file or directory")
        }
        let storage: LayoutStorage
        if isDirectory.boolValue {
            storage = .directory(path)
        } else {
            storage = .archive(try TarArchive(path: path, limits: limits, scratchParent: scratchParent))
        }
        guard storage.exists("index.json") else {
            throw ImageError(
                code: .unsupportedFormat,
                subject: path,
                message: "not an OCI image layout (no index.json)"
            )
        }
        reader = OCILayoutReader(storage: storage, reference: reference, tag: tag, platform: platform, limits: limits)
    }

    public func resolve() throws(ImageError) -> ResolvedImage { try reader.resolve() }

    public func openLayer(_ layer: LayerInfo, index: Int) throws(ImageError) -> any ByteStream {
        try reader.openLayer(layer, index: index)
    }
}
