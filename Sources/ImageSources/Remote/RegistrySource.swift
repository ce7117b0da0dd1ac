public import OCIImage
public import SecurityModel

/// An image in a registry, by reference (`alpine:3.19`, `ghcr.io/org/app@sha256:…`,
/// `127.0.0.1:5000/team/app:1`).
///
/// ``resolve()`` fetches the manifest (following an index or manifest list to the manifest for
/// ``platform``), verifies the manifest digest when the reference pins one and every child
/// manifest against its index entry, then fetches the config blob and verifies its digest and
/// size. ``openLayer(_:index:)`` streams a layer blob as stored; the image reader verifies it.
public struct RegistrySource: ImageSource {
    /// The reference as given.
    public let text: String
    /// The parsed reference.
    public let reference: RegistryReference
    /// The platform picked from an index.
    public let platform: RegistryPlatform
    /// The client (shared by resolve and layer reads, so tokens are fetched once).
    public let client: RegistryClient

    /// Largest config blob read.
    static let maximumConfigBytes = 16 * 1024 * 1024
    /// Index → index nesting allowed.
    static let maximumIndexDepth = 4

    /// A source for `reference`; `insecure` allows plain HTTP to a loopback registry.
    public init(
        reference: String,
        platform: RegistryPlatform = .linuxAMD64,
        insecure: Bool = false,
        configuration: RegistryClient.Configuration = RegistryClient.Configuration()
    ) throws(ImageError) {
        var configuration = configuration
        configuration.insecure = configuration.insecure || insecure
        let parsed = try RegistryReference(parsing: reference)
        self.text = reference
        self.reference = parsed
        self.platform = platform
        self.client = try RegistryClient(registry: parsed.registry, configuration: configuration)
    }

    /// Fetches and verifies the manifest chain and the config; the layers are those of the
    /// platform's image manifest, with diff ids from the config when it lists one per layer.
    public func resolve() throws(ImageError) -> ResolvedImage {
        let repository = reference.repository
        var target = reference.manifestReference
        var expectedSize: Int?
        var chosenPlatform: RegistryDescriptor?
        var visited = Set<String>()
        for _ in 0...Self.maximumIndexDepth {
            let subject = "manifest \(reference.registry)/\(repository)@\(target)"
            let manifest = try client.manifest(repository: repository, reference: target)
            if let expectedSize, manifest.bytes.count != expectedSize {
                throw ImageError(
                    code: .digestMismatch,
                    subject: subject,
                    message:
                        "the manifest has \(manifest.bytes.count) bytes but its index entry declares \(expectedSize)"
                )
            }
            guard visited.insert(manifest.digest).inserted else {
                throw ImageError(
                    code: .manifestLoop,
                    subject: subject,
                    message: "the index refers back to manifest \(manifest.digest)"
                )
            }
            switch try RegistryManifestDocument.parse(manifest, subject: subject) {
            case .index(_, let entries):
                let entry = try pick(from: entries, subject: subject)
                if visited.contains(entry.digest) {
                    throw ImageError(
                        code: .manifestLoop,
                        subject: subject,
                        message: "the index refers back to manifest \(entry.digest)"
                    )
                }
                chosenPlatform = entry
                target = entry.digest
                expectedSize = entry.size
            case .image(_, let config, let layers):
                return try image(manifest: manifest, config: config, layers: layers, platform: chosenPlatform)
            }
        }
        throw ImageError(
            code: .manifestLoop,
            subject: "image \(reference)",
            message: "more than \(Self.maximumIndexDepth) nested image indexes"
        )
    }

    /// Streams the layer blob (following redirects to blob storage); its length is checked against
    /// the manifest, its digest by the reader.
    public func openLayer(_ layer: LayerInfo, index: Int) throws(ImageError) -> any ByteStream {
        guard let digest = layer.digest else {
            throw ImageError(
                code: .malformed,
                subject: "layer \(index) of \(reference)",
                message: "the layer has no digest"
            )
        }
        return try client.blob(repository: reference.repository, digest: digest, expectedSize: layer.size)
    }

    private func pick(from entries: [RegistryDescriptor], subject: String) throws(ImageError) -> RegistryDescriptor {
        let matching = entries.filter {
            platform.matches(os: $0.os, architecture: $0.architecture, variant: $0.variant)
        }
        // Without a requested variant, prefer an entry without one (or arm64's default v8).
        let preferred =
            platform.variant == nil
            ? (matching.first { $0.variant == nil || ($0.architecture == "arm64" && $0.variant == "v8") }
                ?? matching.first)
            : matching.first
        guard let entry = preferred else {
            let available = entries.map(\.platformText).filter { !$0.hasPrefix("unknown/unknown") }
            throw ImageError(
                code: .notFound,
                subject: subject,
                message: "no manifest for platform \(platform) in the index (available: "
                    + (available.isEmpty ? "none" : available.joined(separator: ", ")) + ")"
            )
        }
        if let type = entry.mediaType, !RegistryMediaType.manifestTypes.contains(type),
            !RegistryMediaType.indexTypes.contains(type)
        {
            throw ImageError(
                code: .unsupportedMediaType,
                subject: subject,
                message: "the entry for \(platform) has unsupported media type \(type)"
            )
        }
        return entry
    }

    private func image(
        manifest: RegistryManifest,
        config: RegistryDescriptor,
        layers: [RegistryDescriptor],
        platform chosen: RegistryDescriptor?
    ) throws(ImageError) -> ResolvedImage {
        let configBytes = try client.blobBytes(
            repository: reference.repository,
            digest: config.digest,
            expectedSize: config.size,
            maximumSize: Self.maximumConfigBytes
        )
        let parsedConfig = try? JSONParser.parse(bytes: configBytes)
        let diffIDs = parsedConfig?["rootfs"]?["diff_ids"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var infos = [LayerInfo]()
        for (index, layer) in layers.enumerated() {
            infos.append(
                LayerInfo(
                    digest: layer.digest,
                    diffID: diffIDs.count == layers.count ? diffIDs[index] : nil,
                    mediaType: layer.mediaType,
                    size: layer.size
                )
            )
        }
        var metadata = ImageMetadata(
            reference: text,
            manifestDigest: manifest.digest,
            configDigest: config.digest,
            repoTags: reference.tag.map { ["\(reference.registry)/\(reference.repository):\($0)"] } ?? []
        )
        metadata.os = parsedConfig?["os"]?.stringValue ?? chosen?.os
        metadata.architecture = parsedConfig?["architecture"]?.stringValue ?? chosen?.architecture
        metadata.variant = parsedConfig?["variant"]?.stringValue ?? chosen?.variant
        metadata.layers = infos
        return ResolvedImage(metadata: metadata, configBytes: configBytes, layers: infos)
    }
}
