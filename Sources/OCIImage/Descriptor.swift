internal import SecurityModel

/// An OCI content descriptor: what a manifest or index says about a blob.
public struct Descriptor: Sendable, Hashable {
    /// Media type of the blob (empty when the document omits it).
    public var mediaType: String
    /// Digest of the blob.
    public var digest: Digest
    /// Size of the blob in bytes.
    public var size: Int
    /// Platform of an index entry, when given.
    public var platform: Platform?
    /// Annotations (`org.opencontainers.image.ref.name`, …).
    public var annotations: [String: String]

    /// A descriptor from its parts.
    public init(
        mediaType: String,
        digest: Digest,
        size: Int,
        platform: Platform? = nil,
        annotations: [String: String] = [:]
    ) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.platform = platform
        self.annotations = annotations
    }

    init(json: JSONValue, subject: String) throws(ImageError) {
        guard let digestText = json["digest"]?.stringValue else {
            throw ImageError(code: .malformed, subject: subject, message: "descriptor has no digest")
        }
        digest = try Digest.parse(digestText, subject: subject)
        guard let size = json["size"]?.intValue, size >= 0 else {
            throw ImageError(
                code: .malformed,
                subject: subject,
                message: "descriptor \(digest.short) has no valid size"
            )
        }
        self.size = size
        mediaType = json["mediaType"]?.stringValue ?? ""
        platform = Platform(json: json["platform"])
        annotations = json["annotations"]?.stringMap ?? [:]
    }

    /// `org.opencontainers.image.ref.name`, the tag an OCI layout gives this manifest.
    public var referenceName: String? { annotations["org.opencontainers.image.ref.name"] }

    /// True for attestation/signature manifests listed in an index next to images (BuildKit's
    /// `unknown/unknown` provenance manifests).
    public var isAttestation: Bool {
        annotations["vnd.docker.reference.type"] == "attestation-manifest"
            || (platform?.os == "unknown" && platform?.architecture == "unknown")
    }
}
