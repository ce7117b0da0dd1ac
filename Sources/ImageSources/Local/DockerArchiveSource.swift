public import OCIImage
public import SecurityModel

/// A `docker save` archive, plain or compressed (gzip, zstd): the legacy layout (`manifest.json`,
/// `<id>/layer.tar`, `<id>.json`), and the Docker 25+ layout that embeds an OCI image layout
/// (`index.json`, `blobs/sha256/…`, plus a `manifest.json` pointing into `blobs/`).
///
/// `manifest.json` is preferred when present; an archive with only `index.json` is read as an OCI
/// layout. When the archive holds several images, `tag` (a `RepoTags` entry such as `alpine:3.19`)
/// chooses one. Legacy layer tars have no blob digest: they are verified against the config's
/// `rootfs.diff_ids`; Docker 25+ blobs are verified against their digest as well.
public struct DockerArchiveSource: ImageSource {
    private enum Layout: Sendable {
        case legacy(DockerSaveManifest)
        case oci(OCILayoutReader)
    }

    private let archive: TarArchive
    private let layout: Layout
    private let reference: String
    private let limits: ImageReadLimits

    /// Indexes the archive at `path` (decompressing it to a private scratch file first when it is
    /// compressed); `reference` is what the user typed.
    public init(
        path: String,
        reference: String,
        tag: String? = nil,
        platform: Platform = .host,
        limits: ImageReadLimits = ImageReadLimits(),
        scratchParent: String? = nil
    ) throws(ImageError) {
        archive = try TarArchive(path: path, limits: limits, scratchParent: scratchParent)
        self.reference = reference
        self.limits = limits
        if archive.contains("manifest.json") {
            let entries = try DockerSaveManifest.parse(
                try archive.read("manifest.json", limit: limits.maximumJSONSize),
                subject: "\(path): manifest.json",
                limits: limits
            )
            layout = .legacy(try Self.select(entries, tag: tag, path: path))
        } else if archive.contains("index.json") {
            layout = .oci(
                OCILayoutReader(
                    storage: .archive(archive),
                    reference: reference,
                    tag: tag,
                    platform: platform,
                    limits: limits
                )
            )
        } else {
            throw ImageError(
                code: .unsupportedFormat,
                subject: path,
                message: "not a docker save archive (no manifest.json or index.json)"
            )
        }
    }

    private static func select(_ entries: [DockerSaveManifest], tag: String?, path: String) throws(ImageError)
        -> DockerSaveManifest
    {
        if let tag {
            let wanted = tag.contains(":") ? [tag] : [tag + ":latest", tag]
            if let match = entries.first(where: { !Set($0.repoTags).isDisjoint(with: wanted) }) { return match }
            if let match = entries.first(where: { $0.repoTags.contains { $0.hasSuffix("/" + (wanted.first ?? tag)) } })
            {
                return match
            }
            let tags = entries.flatMap(\.repoTags)
            throw ImageError(
                code: .notFound,
                subject: path,
                message: "archive has no image tagged '\(tag)'"
                    + (tags.isEmpty ? "" : " (tags: \(tags.joined(separator: ", ")))")
            )
        }
        guard let first = entries.first else {
            throw ImageError(code: .malformed, subject: path, message: "manifest.json lists no image")
        }
        guard entries.count == 1 else {
            let tags = entries.map { $0.repoTags.first ?? $0.config }
            throw ImageError(
                code: .notFound,
                subject: path,
                message:
                    "archive holds \(entries.count) images; choose one with a tag (\(tags.joined(separator: ", ")))"
            )
        }
        return first
    }

    public func resolve() throws(ImageError) -> ResolvedImage {
        switch layout {
        case .oci(let reader):
            return try reader.resolve()
        case .legacy(let manifest):
            let config = try archive.read(manifest.config, limit: limits.maximumJSONSize)
            var metadata = ImageMetadata(reference: reference, repoTags: manifest.repoTags)
            if let digest = DockerSaveManifest.digest(ofPath: manifest.config) {
                metadata.configDigest = digest.description
            }
            var layers: [LayerInfo] = []
            for path in manifest.layers {
                let member = try archive.member(path)
                let digest = DockerSaveManifest.digest(ofPath: path)
                layers.append(
                    LayerInfo(
                        digest: digest?.description,
                        mediaType: digest == nil ? MediaTypes.dockerLayerTar : nil,
                        size: member.size
                    )
                )
            }
            return ResolvedImage(metadata: metadata, configBytes: config, layers: layers)
        }
    }

    public func openLayer(_ layer: LayerInfo, index: Int) throws(ImageError) -> any ByteStream {
        switch layout {
        case .oci(let reader):
            return try reader.openLayer(layer, index: index)
        case .legacy(let manifest):
            guard index < manifest.layers.count else {
                throw ImageError(code: .notFound, subject: ImageReader.subject(layer, index), message: "no such layer")
            }
            do {
                return try archive.open(manifest.layers[index]).stream
            } catch {
                throw ImageError(
                    code: error.code,
                    subject: ImageReader.subject(layer, index),
                    message: error.message,
                    underlying: error
                )
            }
        }
    }
}
