/// What an image's configuration says about it, independent of where the image came from
/// (Docker archive, OCI layout, registry, Docker Engine, or a bare root file system, where most
/// fields are empty).
public struct ImageMetadata: Sendable, Hashable {
    /// The reference as the user gave it (`alpine:3.19`, `./image.tar`, `oci:dir`).
    public var reference: String
    /// Manifest digest (`sha256:…`) when known.
    public var manifestDigest: String?
    /// Config digest, the image id (`sha256:…`), when known.
    public var configDigest: String?
    /// Tags the source lists (`alpine:3.19`).
    public var repoTags: [String]
    public var os: String?
    public var architecture: String?
    public var variant: String?
    /// `config.User` (empty means root).
    public var user: String?
    /// `config.Env` as `KEY=value` strings.
    public var env: [String]
    public var labels: [String: String]
    public var entrypoint: [String]
    public var cmd: [String]
    public var workingDir: String?
    public var exposedPorts: [String]
    public var volumes: [String]
    /// `config.Healthcheck.Test`; nil when the image has none; `["NONE"]` when disabled.
    public var healthcheck: [String]?
    public var stopSignal: String?
    /// Build history, oldest first.
    public var history: [HistoryEntry]
    /// Layers, bottom first.
    public var layers: [LayerInfo]
    /// `created` timestamp as written.
    public var created: String?

    public init(
        reference: String,
        manifestDigest: String? = nil,
        configDigest: String? = nil,
        repoTags: [String] = [],
        os: String? = nil,
        architecture: String? = nil,
        variant: String? = nil,
        user: String? = nil,
        env: [String] = [],
        labels: [String: String] = [:],
        entrypoint: [String] = [],
        cmd: [String] = [],
        workingDir: String? = nil,
        exposedPorts: [String] = [],
        volumes: [String] = [],
        healthcheck: [String]? = nil,
        stopSignal: String? = nil,
        history: [HistoryEntry] = [],
        layers: [LayerInfo] = [],
        created: String? = nil
    ) {
        self.reference = reference
        self.manifestDigest = manifestDigest
        self.configDigest = configDigest
        self.repoTags = repoTags
        self.os = os
        self.architecture = architecture
        self.variant = variant
        self.user = user
        self.env = env
        self.labels = labels
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.workingDir = workingDir
        self.exposedPorts = exposedPorts
        self.volumes = volumes
        self.healthcheck = healthcheck
        self.stopSignal = stopSignal
        self.history = history
        self.layers = layers
        self.created = created
    }
}

/// One `history` entry of an image config.
public struct HistoryEntry: Sendable, Hashable {
    public var createdBy: String
    public var created: String?
    public var comment: String?
    /// True when the step produced no layer (ENV, LABEL, CMD…).
    public var emptyLayer: Bool

    public init(createdBy: String, created: String? = nil, comment: String? = nil, emptyLayer: Bool = false) {
        self.createdBy = createdBy
        self.created = created
        self.comment = comment
        self.emptyLayer = emptyLayer
    }
}

/// One layer of an image.
public struct LayerInfo: Sendable, Hashable {
    /// Digest of the blob as stored/transferred (compressed), when known.
    public var digest: String?
    /// Digest of the uncompressed tar (`rootfs.diff_ids`).
    public var diffID: String?
    /// Media type of the blob.
    public var mediaType: String?
    /// Size of the blob in bytes, when known.
    public var size: Int?
    /// Uncompressed size in bytes, filled in once the layer has been read.
    public var uncompressedSize: Int?
    /// The history step that created it.
    public var createdBy: String?

    public init(
        digest: String? = nil,
        diffID: String? = nil,
        mediaType: String? = nil,
        size: Int? = nil,
        uncompressedSize: Int? = nil,
        createdBy: String? = nil
    ) {
        self.digest = digest
        self.diffID = diffID
        self.mediaType = mediaType
        self.size = size
        self.uncompressedSize = uncompressedSize
        self.createdBy = createdBy
    }

    /// The best identifier for display and cache keys: diffID, else digest.
    public var identifier: String? { diffID ?? digest }
}
