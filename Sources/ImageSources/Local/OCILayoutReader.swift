import OCIImage
import SecurityModel

/// Resolves an OCI image layout (`oci-layout`, `index.json`, `blobs/`) stored in a
/// ``LayoutStorage``: index → manifest for the platform (or tag) → config and layers.
struct OCILayoutReader: Sendable {
    let storage: LayoutStorage
    let reference: String
    let tag: String?
    let platform: Platform
    let limits: ImageReadLimits

    func resolve() throws(ImageError) -> ResolvedImage {
        let subject = storage.displayPath + ": index.json"
        let root = try storage.read("index.json", limit: limits.maximumJSONSize)
        let storage = self.storage
        let limits = self.limits
        let fetch = { (descriptor: Descriptor) throws(ImageError) -> [UInt8] in
            let name = LayoutStorage.blobPath(descriptor.digest)
            guard descriptor.size <= limits.maximumJSONSize else {
                throw ImageError(
                    code: .tooLarge,
                    subject: "manifest \(descriptor.digest.short)",
                    message: "document is \(descriptor.size) bytes"
                )
            }
            return try storage.read(name, limit: limits.maximumJSONSize)
        }
        let resolution = try ManifestResolver(platform: platform, referenceName: tag, limits: limits)
            .resolve(root: root, rootDigest: nil, rootMediaType: MediaTypes.ociIndex, subject: subject, fetch: fetch)
        let manifest = resolution.manifest
        let configSubject = "image config \(manifest.config.digest.short)"
        let config = try fetch(manifest.config)
        try ManifestResolver.verify(config, against: manifest.config, subject: configSubject)
        var metadata = ImageMetadata(reference: reference)
        metadata.manifestDigest = resolution.manifestDigest?.description
        metadata.configDigest = manifest.config.digest.description
        if let index = try? ImageIndex(parsing: root, subject: subject, limits: limits) {
            metadata.repoTags = index.manifests.compactMap { d in
                d.digest == resolution.manifestDigest
                    ? d.annotations["io.containerd.image.name"] ?? d.referenceName : nil
            }
        }
        let layers = manifest.layers.map { d in
            LayerInfo(digest: d.digest.description, mediaType: d.mediaType, size: d.size)
        }
        return ResolvedImage(metadata: metadata, configBytes: config, layers: layers)
    }

    func openLayer(_ layer: LayerInfo, index: Int) throws(ImageError) -> any ByteStream {
        let subject = ImageReader.subject(layer, index)
        guard let text = layer.digest else {
            throw ImageError(code: .malformed, subject: subject, message: "layer has no digest")
        }
        let digest = try Digest.parse(text, subject: subject)
        do {
            return try storage.open(LayoutStorage.blobPath(digest)).stream
        } catch {
            throw ImageError(
                code: error.code,
                subject: subject,
                message: "blob is missing from the layout: \(error.message)",
                underlying: error
            )
        }
    }
}
