public import OCIImage
import SecurityModel

/// What `GET /images/{name}/json` says about an image in the Docker Engine.
public struct DockerImageInspect: Sendable, Hashable {
    /// The image id (`sha256:` digest of its config).
    public var id: String
    /// Tags pointing at the image (`alpine:3.19`).
    public var repoTags: [String]
    /// Registry digests the image was pulled by (`alpine@sha256:…`).
    public var repoDigests: [String]
    /// `Os` (`linux`).
    public var os: String?
    /// `Architecture` (`amd64`).
    public var architecture: String?
    /// `Variant` (`v8`), when the engine reports one.
    public var variant: String?
    /// Uncompressed size in bytes, as the engine reports it.
    public var size: Int?
    /// `RootFS.Layers`: the diff ids of the layers, bottom first.
    public var layers: [String]

    /// An inspect result.
    public init(
        id: String,
        repoTags: [String] = [],
        repoDigests: [String] = [],
        os: String? = nil,
        architecture: String? = nil,
        variant: String? = nil,
        size: Int? = nil,
        layers: [String] = []
    ) {
        self.id = id
        self.repoTags = repoTags
        self.repoDigests = repoDigests
        self.os = os
        self.architecture = architecture
        self.variant = variant
        self.size = size
        self.layers = layers
    }

    /// Parses the engine's JSON answer; `subject` names the source in errors.
    public init(json bytes: [UInt8], subject: String) throws(ImageError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: bytes)
        } catch {
            throw ImageError(
                code: .malformed,
                subject: subject,
                message: "the image inspect answer is not JSON: \(error)",
                underlying: error
            )
        }
        guard let id = value["Id"]?.stringValue, !id.isEmpty else {
            throw ImageError(code: .malformed, subject: subject, message: "the image inspect answer has no \"Id\"")
        }
        func strings(_ field: JSONValue?) -> [String] { field?.arrayValue?.compactMap(\.stringValue) ?? [] }
        var size: Int?
        if case .int(let n)? = value["Size"] { size = n }
        self.init(
            id: id,
            repoTags: strings(value["RepoTags"]),
            repoDigests: strings(value["RepoDigests"]),
            os: value["Os"]?.stringValue,
            architecture: value["Architecture"]?.stringValue,
            variant: value["Variant"]?.stringValue,
            size: size,
            layers: strings(value["RootFS"]?["Layers"])
        )
    }
}
