import Foundation
import Synchronization

@testable import ImageSources

/// Content and behaviour of an in-process fake OCI registry (see ``FakeHTTPServer``).
struct FakeRegistry: Sendable {
    enum Auth: Sendable {
        case anonymous
        case basic(user: String, password: String)
        /// Requires `Bearer <token>`; the challenge points to `realm`.
        case bearer(realm: String, token: String)
    }

    struct Stored: Sendable {
        var mediaType: String
        var bytes: [UInt8]
    }

    var repository = "team/app"
    var manifests: [String: Stored] = [:]
    var blobs: [String: [UInt8]] = [:]
    var auth = Auth.anonymous
    /// When set, blob requests are redirected to `<base>/storage/<digest>`.
    var redirectBlobsTo: String?
    /// Overrides the Docker-Content-Digest header of every manifest.
    var announcedDigest: String?

    static func digest(_ bytes: [UInt8]) -> String { RemoteSHA256.digest(bytes) }

    /// Adds a single-layer image for `architecture`; returns (manifest digest, manifest size, layer bytes, config digest).
    @discardableResult
    mutating func addImage(
        architecture: String,
        layer: [UInt8],
        mediaType: String = RegistryMediaType.ociManifest,
        tag: String? = nil
    ) -> (digest: String, size: Int, configDigest: String) {
        let layerDigest = Self.digest(layer)
        let diffID = Self.digest(layer + [0])
        let config = Array(
            """
            {"architecture":"\(architecture)","os":"linux","config":{"Env":["PATH=/bin"]},\
            "rootfs":{"type":"layers","diff_ids":["\(diffID)"]},"history":[{"created_by":"test"}]}
            """.utf8
        )
        let configDigest = Self.digest(config)
        blobs[layerDigest] = layer
        blobs[configDigest] = config
        let configType =
            mediaType == RegistryMediaType.ociManifest ? RegistryMediaType.ociConfig : RegistryMediaType.dockerConfig
        let layerType =
            mediaType == RegistryMediaType.ociManifest
            ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip"
        let manifest = Array(
            """
            {"schemaVersion":2,"mediaType":"\(mediaType)",\
            "config":{"mediaType":"\(configType)","digest":"\(configDigest)","size":\(config.count)},\
            "layers":[{"mediaType":"\(layerType)","digest":"\(layerDigest)","size":\(layer.count)}]}
            """.utf8
        )
        let digest = Self.digest(manifest)
        manifests[digest] = Stored(mediaType: mediaType, bytes: manifest)
        if let tag { manifests[tag] = manifests[digest] }
        return (digest, manifest.count, configDigest)
    }

    /// Adds an index over `entries` (digest, size, architecture, variant) under `tag`; returns its digest.
    @discardableResult
    mutating func addIndex(
        tag: String?,
        entries: [(String, Int, String, String?)],
        mediaType: String = RegistryMediaType.ociIndex,
        entryMediaType: String = RegistryMediaType.ociManifest
    ) -> String {
        let items = entries.map { entry in
            let variant = entry.3.map { ",\"variant\":\"\($0)\"" } ?? ""
            return
                "{\"mediaType\":\"\(entryMediaType)\",\"digest\":\"\(entry.0)\",\"size\":\(entry.1),\"platform\":{\"os\":\"linux\",\"architecture\":\"\(entry.2)\"\(variant)}}"
        }
        let index = Array(
            "{\"schemaVersion\":2,\"mediaType\":\"\(mediaType)\",\"manifests\":[\(items.joined(separator: ","))]}".utf8
        )
        let digest = Self.digest(index)
        manifests[digest] = Stored(mediaType: mediaType, bytes: index)
        if let tag { manifests[tag] = manifests[digest] }
        return digest
    }

    func handle(_ request: FakeRequest) -> FakeReply {
        switch auth {
        case .anonymous: break
        case .basic(let user, let password):
            if request.headers["authorization"] != "Basic " + RemoteText.base64Encode(Array("\(user):\(password)".utf8))
            {
                return .json(
                    401,
                    "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}",
                    headers: [("WWW-Authenticate", "Basic realm=\"fake\"")]
                )
            }
        case .bearer(let realm, let token):
            if request.headers["authorization"] != "Bearer \(token)" {
                return .json(
                    401,
                    "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"token required\"}]}",
                    headers: [
                        (
                            "WWW-Authenticate",
                            "Bearer realm=\"\(realm)\",service=\"fake-registry\",scope=\"repository:\(repository):pull\""
                        )
                    ]
                )
            }
        }
        let path = request.path
        if path == "/v2/" { return .json(200, "{}") }
        let prefix = "/v2/\(repository)/"
        guard path.hasPrefix(prefix) else {
            return .json(404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known\"}]}")
        }
        let rest = String(path.dropFirst(prefix.count))
        if rest.hasPrefix("manifests/") {
            let reference = String(rest.dropFirst("manifests/".count))
            guard let stored = manifests[reference] else {
                return .json(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}")
            }
            return .response(
                200,
                headers: [
                    ("Content-Type", stored.mediaType),
                    ("Docker-Content-Digest", announcedDigest ?? Self.digest(stored.bytes)),
                ],
                body: stored.bytes
            )
        }
        if rest.hasPrefix("blobs/") {
            let digest = String(rest.dropFirst("blobs/".count))
            guard let blob = blobs[digest] else {
                return .json(404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown\"}]}")
            }
            if let redirectBlobsTo {
                return .response(307, headers: [("Location", "\(redirectBlobsTo)/storage/\(digest)")])
            }
            return .response(200, headers: [("Content-Type", "application/octet-stream")], body: blob)
        }
        return .json(404, "{}")
    }
}
