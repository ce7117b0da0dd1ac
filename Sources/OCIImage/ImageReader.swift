public import SecurityModel

/// Reads an image from an ``ImageSource``: parses the config, streams every layer once (bottom
/// first) through digest verification, decompression with a bomb guard, diffID verification and
/// the tar reader, and merges the layers into a ``LayeredFileTree``.
///
/// Nothing is written to the host except through the ``ContentStore``, and only for regular files
/// the caller requires. Every failure is an ``ImageError`` naming the layer (`layer 2 (sha256:…)`).
public struct ImageReader: Sendable {
    /// Where the image comes from.
    public var source: any ImageSource
    /// Bounds against hostile images.
    public var limits: ImageReadLimits
    /// Where required file contents are kept.
    public var store: any ContentStore

    /// A reader of `source`.
    public init(
        source: any ImageSource,
        limits: ImageReadLimits = ImageReadLimits(),
        store: any ContentStore = InMemoryContentStore()
    ) {
        self.source = source
        self.limits = limits
        self.store = store
    }

    /// Reads the image, keeping the content of regular files for which `isRequired(path)` is true
    /// (`path` absolute and normalised, `/etc/os-release`).
    /// Pass `resolved` when the caller already resolved the source (e.g. to look up a cache), so the
    /// manifest and config are not fetched twice.
    public func read(
        resolved alreadyResolved: ResolvedImage? = nil,
        isRequired: @escaping (String) -> Bool
    ) throws(ImageError) -> ImageContents {
        let resolved: ResolvedImage
        if let alreadyResolved {
            resolved = alreadyResolved
        } else {
            resolved = try source.resolve()
        }
        var metadata = resolved.metadata
        var layers = resolved.layers
        if !resolved.configBytes.isEmpty {
            let subject = "image config" + (metadata.configDigest.map { " \($0)" } ?? "")
            if let text = metadata.configDigest, let expected = Digest(text) {
                let actual = Digest.compute(expected.algorithm, of: resolved.configBytes)
                if actual != expected {
                    throw ImageError(
                        code: .digestMismatch,
                        subject: subject,
                        message: "content digest is \(actual) but \(expected) was expected"
                    )
                }
            }
            let config = try ImageConfiguration(parsing: resolved.configBytes, subject: subject, limits: limits)
            if !config.diffIDs.isEmpty {
                guard config.diffIDs.count == layers.count else {
                    throw ImageError(
                        code: .malformed,
                        subject: subject,
                        message: "config lists \(config.diffIDs.count) diff_ids but the manifest \(layers.count) layers"
                    )
                }
                for (i, diffID) in config.diffIDs.enumerated() {
                    if let declared = layers[i].diffID, declared != diffID.description {
                        throw ImageError(
                            code: .digestMismatch,
                            subject: Self.subject(layers[i], i),
                            message: "the manifest gives diffID \(declared) but the config \(diffID)"
                        )
                    }
                    layers[i].diffID = diffID.description
                }
            }
            metadata.layers = layers
            config.apply(to: &metadata)
            layers = metadata.layers
        }

        var merger = LayerMerger(store: store, limits: limits, isRequired: isRequired)
        for i in layers.indices {
            let subject = Self.subject(layers[i], i)
            let blobDigest = try layers[i].digest.map { (text) throws(ImageError) in
                try Digest.parse(text, subject: subject)
            }
            let diffID = try layers[i].diffID.map { (text) throws(ImageError) in
                try Digest.parse(text, subject: subject)
            }
            let blob = try source.openLayer(layers[i], index: i)
            let (size, computed) = try apply(
                blob,
                digest: blobDigest,
                size: layers[i].size,
                diffID: diffID,
                index: i,
                subject: subject,
                merger: &merger
            )
            layers[i].uncompressedSize = size
            if layers[i].diffID == nil { layers[i].diffID = computed?.description }
        }
        metadata.layers = layers
        let (tree, statistics, diagnostics) = merger.finish()
        return ImageContents(metadata: metadata, tree: tree, statistics: statistics, diagnostics: diagnostics)
    }

    /// Streams one layer blob into the merger: blob digest and size → decompression (bomb guard) →
    /// diffID → tar. Returns the uncompressed size and diffID.
    private func apply<Blob: ByteStream>(
        _ blob: Blob,
        digest: Digest?,
        size: Int?,
        diffID: Digest?,
        index: Int,
        subject: String,
        merger: inout LayerMerger
    ) throws(ImageError) -> (Int, Digest?) {
        let verified = VerifyingStream(blob, expected: digest, expectedSize: size, subject: subject)
        let decompressed = DecompressingStream(verified, limits: limits, subject: subject)
        let uncompressed = VerifyingStream(decompressed, expected: diffID, subject: subject + " (uncompressed, diffID)")
        var tar = TarReader(
            uncompressed,
            subject: subject,
            maximumMetadataSize: limits.maximumMetadataSize,
            maximumEntries: limits.maximumEntriesPerLayer
        )
        try merger.apply(&tar, layerIndex: index, subject: subject)
        return (tar.upstream.byteCount, tar.upstream.computedDigest)
    }

    /// `layer 2 (sha256:0123456789ab)`: how errors and diagnostics name a layer.
    public static func subject(_ layer: LayerInfo, _ index: Int) -> String {
        guard let id = layer.digest ?? layer.diffID else { return "layer \(index)" }
        let short = Digest(id)?.short ?? String(id.prefix(19))
        return "layer \(index) (\(short))"
    }
}
