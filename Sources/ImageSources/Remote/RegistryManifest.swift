import OCIImage
import SecurityModel

/// A manifest or index as fetched: its bytes, the media type the registry sent, and its digest.
public struct RegistryManifest: Sendable, Hashable {
    /// The exact bytes (the digest is computed over them).
    public var bytes: [UInt8]
    /// `Content-Type` without parameters, when sent.
    public var contentType: String?
    /// `sha256:` digest of ``bytes``.
    public var digest: String

    /// A manifest.
    public init(bytes: [UInt8], contentType: String?, digest: String) {
        self.bytes = bytes
        self.contentType = contentType
        self.digest = digest
    }
}

/// A content descriptor inside a manifest or index.
struct RegistryDescriptor: Sendable, Hashable {
    var mediaType: String?
    var digest: String
    var size: Int?
    var os: String?
    var architecture: String?
    var variant: String?

    var platformText: String {
        [os ?? "?", architecture ?? "?", variant].compactMap { $0 }.joined(separator: "/")
    }
}

/// A parsed manifest: an index of per-platform manifests, or an image manifest.
enum RegistryManifestDocument: Sendable, Hashable {
    case index(mediaType: String, manifests: [RegistryDescriptor])
    case image(mediaType: String, config: RegistryDescriptor, layers: [RegistryDescriptor])

    /// Parses `manifest`; unsupported kinds (schema 1, artifacts, non-image configs) and malformed
    /// JSON are ``ImageError``s naming `subject`.
    static func parse(_ manifest: RegistryManifest, subject: String) throws(ImageError) -> RegistryManifestDocument {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes: manifest.bytes)
        } catch {
            throw ImageError(code: .malformed, subject: subject, message: "the manifest is not valid JSON: \(error)")
        }
        guard case .object = root else {
            throw ImageError(code: .malformed, subject: subject, message: "the manifest is not a JSON object")
        }
        let declared = root["mediaType"]?.stringValue
        let sent = manifest.contentType.flatMap { type -> String? in
            let generic: Set<String> = ["application/json", "text/plain", "application/octet-stream", ""]
            return generic.contains(type) ? nil : type
        }
        if case .int(1)? = root["schemaVersion"] {
            throw ImageError(
                code: .unsupportedMediaType,
                subject: subject,
                message: "Docker schema 1 manifests are not supported (re-push the image with a current client)"
            )
        }
        let mediaType: String
        if let type = declared ?? sent {
            mediaType = type
        } else if root["manifests"] != nil {
            mediaType = RegistryMediaType.ociIndex
        } else if root["config"] != nil, root["layers"] != nil {
            mediaType = RegistryMediaType.ociManifest
        } else {
            throw ImageError(
                code: .unsupportedMediaType,
                subject: subject,
                message: "neither an image index nor an image manifest"
            )
        }
        if mediaType == RegistryMediaType.dockerSchema1 || mediaType == RegistryMediaType.dockerSchema1Signed {
            throw ImageError(
                code: .unsupportedMediaType,
                subject: subject,
                message: "Docker schema 1 manifests are not supported (re-push the image with a current client)"
            )
        }
        if let declared, let sent, declared != sent {
            throw ImageError(
                code: .malformed,
                subject: subject,
                message: "the registry sent Content-Type \(sent) but the manifest declares \(declared)"
            )
        }
        if RegistryMediaType.indexTypes.contains(mediaType) {
            guard let entries = root["manifests"]?.arrayValue else {
                throw ImageError(code: .malformed, subject: subject, message: "the index has no \"manifests\" array")
            }
            var manifests = [RegistryDescriptor]()
            for (index, entry) in entries.enumerated() {
                manifests.append(try descriptor(entry, subject: subject, what: "manifests[\(index)]"))
            }
            return .index(mediaType: mediaType, manifests: manifests)
        }
        guard RegistryMediaType.manifestTypes.contains(mediaType) else {
            throw ImageError(
                code: .unsupportedMediaType,
                subject: subject,
                message: "unsupported manifest media type \(mediaType)"
            )
        }
        guard let configValue = root["config"], let layerValues = root["layers"]?.arrayValue else {
            throw ImageError(
                code: .malformed,
                subject: subject,
                message: "the image manifest lacks \"config\" or \"layers\""
            )
        }
        let config = try descriptor(configValue, subject: subject, what: "config")
        if let type = config.mediaType, !RegistryMediaType.configTypes.contains(type) {
            throw ImageError(
                code: .unsupportedMediaType,
                subject: subject,
                message: "not a container image: its config has media type \(type)"
            )
        }
        var layers = [RegistryDescriptor]()
        for (index, value) in layerValues.enumerated() {
            layers.append(try descriptor(value, subject: subject, what: "layers[\(index)]"))
        }
        return .image(mediaType: mediaType, config: config, layers: layers)
    }

    private static func descriptor(_ value: JSONValue, subject: String, what: String) throws(ImageError)
        -> RegistryDescriptor
    {
        guard case .object = value else {
            throw ImageError(code: .malformed, subject: subject, message: "\(what) is not an object")
        }
        guard let digest = value["digest"]?.stringValue else {
            throw ImageError(code: .malformed, subject: subject, message: "\(what) has no digest")
        }
        guard RemoteText.isSHA256Digest(digest) else {
            let algorithm = digest.split(separator: ":").first.map(String.init) ?? digest
            if digest.contains(":"), algorithm != "sha256",
                algorithm.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 || $0 >= 48 && $0 <= 57 })
            {
                throw ImageError(
                    code: .unsupportedFormat,
                    subject: subject,
                    message: "\(what) uses digest algorithm \(algorithm); only sha256 is supported"
                )
            }
            throw ImageError(
                code: .malformed,
                subject: subject,
                message: "\(what) has an invalid digest \"\(RemoteText.printable(Array(digest.utf8)))\""
            )
        }
        var size: Int?
        if let sizeValue = value["size"] {
            guard case .int(let n) = sizeValue, n >= 0 else {
                throw ImageError(code: .malformed, subject: subject, message: "\(what) has an invalid size")
            }
            size = n
        }
        let platform = value["platform"]
        return RegistryDescriptor(
            mediaType: value["mediaType"]?.stringValue,
            digest: digest,
            size: size,
            os: platform?["os"]?.stringValue,
            architecture: platform?["architecture"]?.stringValue,
            variant: platform?["variant"]?.stringValue
        )
    }
}
