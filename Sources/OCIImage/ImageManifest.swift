internal import SecurityModel

/// An image manifest (OCI `application/vnd.oci.image.manifest.v1+json` or Docker schema 2): the
/// config blob and the layers, bottom first.
public struct ImageManifest: Sendable, Hashable {
    /// The manifest media type.
    public var mediaType: String
    /// The config blob.
    public var config: Descriptor
    /// The layer blobs, bottom first.
    public var layers: [Descriptor]
    /// Manifest annotations.
    public var annotations: [String: String]

    /// A manifest from its parts.
    public init(mediaType: String, config: Descriptor, layers: [Descriptor], annotations: [String: String] = [:]) {
        self.mediaType = mediaType
        self.config = config
        self.layers = layers
        self.annotations = annotations
    }

    /// Parses and validates a manifest: the config must be an image config and every layer an image
    /// layer (an artifact such as a Helm chart or a signature is ``ImageError/Code-swift.struct/unsupportedMediaType``).
    public init(parsing bytes: [UInt8], subject: String, limits: ImageReadLimits = ImageReadLimits()) throws(ImageError)
    {
        let json = try ImageJSON.parse(bytes, subject: subject, limit: limits.maximumJSONSize)
        try self.init(json: json, subject: subject)
    }

    init(json: JSONValue, subject: String) throws(ImageError) {
        if json["fsLayers"] != nil || json["schemaVersion"]?.intValue == 1 {
            throw ImageError(
                code: .unsupportedMediaType,
                subject: subject,
                message: "Docker schema 1 manifests are not supported"
            )
        }
        guard let configJSON = json["config"] else {
            throw ImageError(code: .malformed, subject: subject, message: "manifest has no config")
        }
        config = try Descriptor(json: configJSON, subject: subject + " config")
        if !config.mediaType.isEmpty, !MediaTypes.isConfig(config.mediaType) {
            throw ImageError(
                code: .unsupportedMediaType,
                subject: subject,
                message: "not a container image: config media type is '\(config.mediaType)'"
            )
        }
        guard let layerList = json["layers"]?.arrayValue else {
            throw ImageError(code: .malformed, subject: subject, message: "manifest has no layers array")
        }
        var layers: [Descriptor] = []
        for (i, item) in layerList.enumerated() {
            let layer = try Descriptor(json: item, subject: "\(subject) layer \(i)")
            if !layer.mediaType.isEmpty, !MediaTypes.isLayer(layer.mediaType) {
                throw ImageError(
                    code: .unsupportedMediaType,
                    subject: "layer \(i) (\(layer.digest.short))",
                    message: "layer media type '\(layer.mediaType)' is not an image layer"
                )
            }
            layers.append(layer)
        }
        self.layers = layers
        mediaType = json["mediaType"]?.stringValue ?? MediaTypes.ociManifest
        annotations = json["annotations"]?.stringMap ?? [:]
    }
}
