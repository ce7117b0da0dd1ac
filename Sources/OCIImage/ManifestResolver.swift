internal import SecurityModel

/// Follows an index (or nested indexes) down to the image manifest for a platform, verifying every
/// document against its descriptor and refusing loops.
///
/// Sources supply the bytes (`fetch`); the resolver checks each document: a descriptor that lists
/// itself or an ancestor is ``ImageError/Code-swift.struct/manifestLoop`` (checked before the digest,
/// so a self-referencing document is reported as the loop it is); bytes that do not match the
/// descriptor are ``ImageError/Code-swift.struct/digestMismatch``; nesting deeper than
/// `maximumDepth` is ``ImageError/Code-swift.struct/malformed``.
public struct ManifestResolver: Sendable {
    /// What the resolver found.
    public struct Resolution: Sendable {
        /// The image manifest.
        public var manifest: ImageManifest
        /// Digest of the manifest (nil when the root document was a manifest with no known digest).
        public var manifestDigest: Digest?
        /// The platform named by the index entry that was chosen, if any.
        public var platform: Platform?
    }

    /// The platform to select in an index.
    public var platform: Platform
    /// Tag to select in an OCI layout index (`org.opencontainers.image.ref.name`).
    public var referenceName: String?
    /// Most nested indexes followed.
    public var maximumDepth: Int
    /// Size limits for the documents.
    public var limits: ImageReadLimits

    /// A resolver for `platform` (default: the host's).
    public init(
        platform: Platform = .host,
        referenceName: String? = nil,
        maximumDepth: Int = 8,
        limits: ImageReadLimits = ImageReadLimits()
    ) {
        self.platform = platform
        self.referenceName = referenceName
        self.maximumDepth = maximumDepth
        self.limits = limits
    }

    /// Resolves from a root document (`index.json`, or the manifest/index a registry returned for a
    /// tag). `rootDigest` is the root's digest when known (it is then part of the loop check).
    public func resolve(
        root: [UInt8],
        rootDigest: Digest?,
        rootMediaType: String? = nil,
        subject: String,
        fetch: (Descriptor) throws(ImageError) -> [UInt8]
    ) throws(ImageError) -> Resolution {
        var visited: [Digest] = rootDigest.map { [$0] } ?? []
        var json = try ImageJSON.parse(root, subject: subject, limit: limits.maximumJSONSize)
        var mediaType = json["mediaType"]?.stringValue ?? rootMediaType
        var currentDigest = rootDigest
        var currentSubject = subject
        var chosenPlatform: Platform?
        var isRoot = true
        for _ in 0...maximumDepth {
            if isIndexDocument(json, mediaType: mediaType) {
                let index = try ImageIndex(json: json, subject: currentSubject)
                try checkLoop(index.manifests, visited: visited, subject: currentSubject)
                let descriptor = try index.select(
                    platform: platform,
                    referenceName: isRoot ? referenceName : nil,
                    subject: currentSubject
                )
                chosenPlatform = descriptor.platform ?? chosenPlatform
                let nextSubject = "manifest \(descriptor.digest.short)"
                let bytes = try fetch(descriptor)
                guard bytes.count <= limits.maximumJSONSize else {
                    throw ImageError(code: .tooLarge, subject: nextSubject, message: "manifest is \(bytes.count) bytes")
                }
                // Loop check on the child before its digest: a document naming itself is a loop.
                let child = try? JSONParser.parse(bytes: bytes)
                if let child, let list = child["manifests"]?.arrayValue {
                    let digests = list.compactMap { $0["digest"]?.stringValue.flatMap(Digest.init) }
                    if let repeated = digests.first(where: { visited.contains($0) || $0 == descriptor.digest }) {
                        throw ImageError(
                            code: .manifestLoop,
                            subject: nextSubject,
                            message: "index refers back to \(repeated.short): the manifests form a loop"
                        )
                    }
                }
                try Self.verify(bytes, against: descriptor, subject: nextSubject)
                guard let child else {
                    throw ImageError(code: .malformed, subject: nextSubject, message: "manifest is not valid JSON")
                }
                visited.append(descriptor.digest)
                json = child
                mediaType = child["mediaType"]?.stringValue ?? descriptor.mediaType
                currentDigest = descriptor.digest
                currentSubject = nextSubject
                isRoot = false
                continue
            }
            if mediaType == MediaTypes.dockerManifestV1 || mediaType == MediaTypes.dockerManifestV1Signed {
                throw ImageError(
                    code: .unsupportedMediaType,
                    subject: currentSubject,
                    message: "Docker schema 1 manifests are not supported"
                )
            }
            if let mediaType, !mediaType.isEmpty, !MediaTypes.isManifest(mediaType) {
                throw ImageError(
                    code: .unsupportedMediaType,
                    subject: currentSubject,
                    message: "'\(mediaType)' is not an image manifest or index"
                )
            }
            let manifest = try ImageManifest(json: json, subject: currentSubject)
            if let config = visited.first(where: { $0 == manifest.config.digest }) {
                throw ImageError(
                    code: .manifestLoop,
                    subject: currentSubject,
                    message: "manifest names \(config.short) as its config: the manifests form a loop"
                )
            }
            return Resolution(manifest: manifest, manifestDigest: currentDigest, platform: chosenPlatform)
        }
        throw ImageError(
            code: .malformed,
            subject: subject,
            message: "indexes are nested deeper than \(maximumDepth) levels"
        )
    }

    private func isIndexDocument(_ json: JSONValue, mediaType: String?) -> Bool {
        if MediaTypes.isIndex(mediaType) { return true }
        if MediaTypes.isManifest(mediaType) { return false }
        return json["manifests"] != nil && json["layers"] == nil
    }

    private func checkLoop(_ manifests: [Descriptor], visited: [Digest], subject: String) throws(ImageError) {
        if let repeated = manifests.first(where: { visited.contains($0.digest) }) {
            throw ImageError(
                code: .manifestLoop,
                subject: subject,
                message: "index lists \(repeated.digest.short), which is itself or one of its parents: a manifest loop"
            )
        }
    }

    /// Checks `bytes` against a descriptor's size and digest.
    public static func verify(_ bytes: [UInt8], against descriptor: Descriptor, subject: String) throws(ImageError) {
        if bytes.count != descriptor.size {
            throw ImageError(
                code: bytes.count < descriptor.size ? .truncated : .digestMismatch,
                subject: subject,
                message: "blob is \(bytes.count) bytes but the descriptor says \(descriptor.size)"
            )
        }
        let actual = Digest.compute(descriptor.digest.algorithm, of: bytes)
        if actual != descriptor.digest {
            throw ImageError(
                code: .digestMismatch,
                subject: subject,
                message: "content digest is \(actual) but \(descriptor.digest) was expected"
            )
        }
    }
}
