public import SecurityModel

/// Everything an image check may look at: the image's configuration, its merged file system, the size
/// accounting of its layers, the detected operating system, and facts about the environment.
///
/// Built once per image and shared by all checks. The tree's entries and the parsed history are
/// computed once here, not by every check.
public struct ImageCheckInput: Sendable {
    /// The image configuration (user, env, labels, history, layers …).
    public let metadata: ImageMetadata
    /// The merged root file system. Only files some check ``ImageCheck/isRequired(_:)`` need have readable
    /// contents; the others may throw when read.
    public let tree: any FileTree
    /// Size by layer and wasted bytes.
    public let statistics: ImageFileStatistics
    /// The detected operating system, if any.
    public let operatingSystem: OperatingSystem?
    /// Whether Docker Content Trust was enabled where the image was fetched (`DOCKER_CONTENT_TRUST=1`);
    /// nil when unknown, which silences the content-trust check.
    public let contentTrustEnabled: Bool?
    /// False when the image came without a configuration (a bare root file system): configuration checks
    /// (user, HEALTHCHECK, volumes …) then stay silent instead of reporting defaults nobody chose.
    public let hasImageConfiguration: Bool
    /// `tree.entries`, read once.
    public let entries: [FileEntry]
    /// The history, parsed, with layers attributed where possible.
    public let history: [HistoryStep]

    /// Creates the input. `hasImageConfiguration` defaults to true when the metadata carries anything a
    /// configuration provides (a config digest, history, layers or an OS).
    public init(
        metadata: ImageMetadata,
        tree: any FileTree,
        statistics: ImageFileStatistics = ImageFileStatistics(),
        operatingSystem: OperatingSystem? = nil,
        contentTrustEnabled: Bool? = nil,
        hasImageConfiguration: Bool? = nil
    ) {
        self.metadata = metadata
        self.tree = tree
        self.statistics = statistics
        self.operatingSystem = operatingSystem
        self.contentTrustEnabled = contentTrustEnabled
        self.hasImageConfiguration =
            hasImageConfiguration
            ?? (metadata.configDigest != nil || !metadata.history.isEmpty || !metadata.layers.isEmpty
                || metadata.os != nil)
        self.entries = tree.entries
        self.history = HistoryStep.steps(of: metadata)
    }

    /// The identifier (diff id, else digest) of layer `index`, when known.
    public func layerIdentifier(_ index: Int?) -> String? {
        guard let index, metadata.layers.indices.contains(index) else { return nil }
        return metadata.layers[index].identifier
    }

    /// A location in this image: optionally a path and the layer that wrote it.
    public func location(path: String? = nil, layerIndex: Int? = nil, fieldPath: String? = nil) -> Location {
        Location(
            image: metadata.reference,
            layer: layerIdentifier(layerIndex),
            path: path,
            fieldPath: fieldPath
        )
    }

    /// The location of a file-system entry.
    public func location(of entry: FileEntry) -> Location {
        location(path: entry.path, layerIndex: entry.layerIndex)
    }

    /// The location of a history step, with its command (secrets masked, shortened) as the snippet.
    func location(of step: HistoryStep) -> Location {
        var location = location(layerIndex: step.layerIndex, fieldPath: "history[\(step.index)].created_by")
        location.snippet = SecretText.excerpt(SecretText.redact(step.createdBy), limit: 200)
        return location
    }

    /// Text of a small file in the tree, or nil when missing, unreadable or larger than `limit`.
    func text(of path: String, limit: Int = 4 << 20) -> String? {
        tree.text(of: path, limit: limit)
    }
}
