internal import SecurityModel

/// An image index (OCI) or manifest list (Docker): manifests for several platforms.
public struct ImageIndex: Sendable, Hashable {
    /// The index media type (OCI index or Docker manifest list).
    public var mediaType: String
    /// The listed manifests (or nested indexes).
    public var manifests: [Descriptor]

    /// An index from its entries.
    public init(mediaType: String = MediaTypes.ociIndex, manifests: [Descriptor]) {
        self.mediaType = mediaType
        self.manifests = manifests
    }

    /// Parses an index or manifest list (`index.json` of an OCI layout too).
    public init(parsing bytes: [UInt8], subject: String, limits: ImageReadLimits = ImageReadLimits()) throws(ImageError)
    {
        let json = try ImageJSON.parse(bytes, subject: subject, limit: limits.maximumJSONSize)
        try self.init(json: json, subject: subject)
    }

    init(json: JSONValue, subject: String) throws(ImageError) {
        guard let list = json["manifests"]?.arrayValue else {
            throw ImageError(code: .malformed, subject: subject, message: "index has no manifests array")
        }
        var manifests: [Descriptor] = []
        for (i, item) in list.enumerated() {
            manifests.append(try Descriptor(json: item, subject: "\(subject) manifest \(i)"))
        }
        self.manifests = manifests
        mediaType = json["mediaType"]?.stringValue ?? MediaTypes.ociIndex
    }

    /// The manifest to read for `platform` (and, when given, the OCI layout tag `referenceName`).
    ///
    /// Attestation manifests are ignored. Entries without a platform are accepted when nothing
    /// matches explicitly (single-image OCI layouts often omit it). Throws
    /// ``ImageError/Code-swift.struct/notFound`` listing what is available.
    public func select(platform: Platform, referenceName: String? = nil, subject: String) throws(ImageError)
        -> Descriptor
    {
        var candidates = manifests.filter { !$0.isAttestation }
        if let referenceName {
            let named = candidates.filter { $0.referenceName == referenceName }
            guard !named.isEmpty else {
                let names = candidates.compactMap(\.referenceName)
                throw ImageError(
                    code: .notFound,
                    subject: subject,
                    message: "no manifest is tagged '\(referenceName)'"
                        + (names.isEmpty ? "" : " (tags: \(names.joined(separator: ", ")))")
                )
            }
            candidates = named
        }
        if let exact = candidates.first(where: { $0.platform.map(platform.matches) ?? false }) { return exact }
        let unlabelled = candidates.filter { $0.platform == nil }
        if let first = unlabelled.first { return first }
        let available = candidates.compactMap { $0.platform?.description }
        throw ImageError(
            code: .notFound,
            subject: subject,
            message: "no manifest for platform \(platform)"
                + (available.isEmpty ? "" : " (available: \(available.joined(separator: ", ")))")
        )
    }
}
