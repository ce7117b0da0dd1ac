public import SecurityModel

/// The parts of an image config (`application/vnd.oci.image.config.v1+json` or Docker's
/// `container.image.v1+json`) that describe how the image runs and how it was built.
public struct ImageConfiguration: Sendable, Hashable {
    /// `os`.
    public var os: String?
    /// `architecture`.
    public var architecture: String?
    /// `variant`.
    public var variant: String?
    /// `created` as written.
    public var created: String?
    /// `config.User`.
    public var user: String?
    /// `config.Env` (`KEY=value`).
    public var env: [String]
    /// `config.Labels`.
    public var labels: [String: String]
    /// `config.Entrypoint`.
    public var entrypoint: [String]
    /// `config.Cmd`.
    public var cmd: [String]
    /// `config.WorkingDir` (nil when empty).
    public var workingDir: String?
    /// Keys of `config.ExposedPorts` (`80/tcp`).
    public var exposedPorts: [String]
    /// Keys of `config.Volumes`.
    public var volumes: [String]
    /// `Healthcheck.Test`; nil when the config has no health check.
    public var healthcheck: [String]?
    /// `config.StopSignal` (nil when empty).
    public var stopSignal: String?
    /// `history`, oldest first.
    public var history: [HistoryEntry]
    /// `rootfs.diff_ids`, bottom layer first.
    public var diffIDs: [Digest]

    /// Parses a config document; malformed JSON or a wrongly typed field the reader relies on
    /// (`rootfs.diff_ids`) is ``ImageError/Code-swift.struct/malformed``. Unknown fields are ignored.
    public init(parsing bytes: [UInt8], subject: String = "image config", limits: ImageReadLimits = ImageReadLimits())
        throws(ImageError)
    {
        let json = try ImageJSON.parse(bytes, subject: subject, limit: limits.maximumJSONSize)
        guard json.objectPairs != nil else {
            throw ImageError(code: .malformed, subject: subject, message: "config is not a JSON object")
        }
        os = json["os"]?.stringValue
        architecture = json["architecture"]?.stringValue
        variant = json["variant"]?.stringValue
        created = json["created"]?.stringValue
        let config = json["config"] ?? json["container_config"] ?? .null
        func text(_ key: String) -> String? { config[key]?.stringValue }
        user = text("User")
        env = config["Env"]?.stringList ?? []
        labels = config["Labels"]?.stringMap ?? [:]
        entrypoint = config["Entrypoint"]?.stringList ?? []
        cmd = config["Cmd"]?.stringList ?? []
        workingDir = text("WorkingDir").flatMap { $0.isEmpty ? nil : $0 }
        exposedPorts = config["ExposedPorts"]?.keys ?? []
        volumes = config["Volumes"]?.keys ?? []
        if let health = config["Healthcheck"], health.objectPairs != nil {
            healthcheck = health["Test"]?.stringList ?? []
        } else {
            healthcheck = nil
        }
        stopSignal = text("StopSignal").flatMap { $0.isEmpty ? nil : $0 }
        var history: [HistoryEntry] = []
        for item in json["history"]?.arrayValue ?? [] {
            history.append(
                HistoryEntry(
                    createdBy: item["created_by"]?.stringValue ?? "",
                    created: item["created"]?.stringValue,
                    comment: item["comment"]?.stringValue,
                    emptyLayer: item["empty_layer"]?.boolValue ?? false
                )
            )
        }
        self.history = history
        var diffIDs: [Digest] = []
        if let rootfs = json["rootfs"], let list = rootfs["diff_ids"] {
            guard let items = list.arrayValue else {
                throw ImageError(code: .malformed, subject: subject, message: "rootfs.diff_ids is not an array")
            }
            for (i, item) in items.enumerated() {
                guard let text = item.stringValue else {
                    throw ImageError(
                        code: .malformed,
                        subject: subject,
                        message: "rootfs.diff_ids[\(i)] is not a string"
                    )
                }
                diffIDs.append(try Digest.parse(text, subject: "\(subject) rootfs.diff_ids[\(i)]"))
            }
        }
        self.diffIDs = diffIDs
    }

    /// Copies the run-time fields into `metadata`, and the history's `created_by` onto the layers
    /// (history entries without `empty_layer` correspond to layers in order).
    public func apply(to metadata: inout ImageMetadata) {
        metadata.os = os ?? metadata.os
        metadata.architecture = architecture ?? metadata.architecture
        metadata.variant = variant ?? metadata.variant
        metadata.created = created ?? metadata.created
        metadata.user = user
        metadata.env = env
        metadata.labels = labels
        metadata.entrypoint = entrypoint
        metadata.cmd = cmd
        metadata.workingDir = workingDir
        metadata.exposedPorts = exposedPorts
        metadata.volumes = volumes
        metadata.healthcheck = healthcheck
        metadata.stopSignal = stopSignal
        metadata.history = history
        let layerSteps = history.filter { !$0.emptyLayer }
        for (i, step) in layerSteps.enumerated() where i < metadata.layers.count {
            metadata.layers[i].createdBy = step.createdBy
        }
    }
}
