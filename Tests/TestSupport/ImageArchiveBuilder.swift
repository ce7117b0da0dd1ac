import Foundation
import SecurityModel

/// An image to build in tests: uncompressed layer tars plus the config fields tests look at.
public struct TestImage: Sendable {
    public var layers: [[UInt8]]
    public var os = "linux"
    public var architecture = "amd64"
    public var variant: String?
    public var user: String?
    public var cmd: [String] = []
    public var entrypoint: [String] = []
    public var env: [String] = []
    /// `created_by` of each layer's history step.
    public var createdBy: [String]?

    public init(layers: [[UInt8]]) { self.layers = layers }
}

/// Writes images the way `docker save`, Docker 25+'s `docker save` and `skopeo copy oci:` lay them
/// out, as lists of (member path, bytes) that tests write to a directory or pack into a tar.
///
/// Hashing and compression are injected (TestSupport has no crypto or zlib): pass
/// `sha256: { "sha256:" + hex }` and a gzip function.
public struct ImageArchiveBuilder: Sendable {
    public typealias Files = [(path: String, bytes: [UInt8])]

    public var sha256: @Sendable ([UInt8]) -> String
    public var compress: @Sendable ([UInt8]) -> [UInt8]
    /// Media type of compressed layers in OCI layouts.
    public var layerMediaType = "application/vnd.oci.image.layer.v1.tar+gzip"

    public init(sha256: @escaping @Sendable ([UInt8]) -> String, compress: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        self.sha256 = sha256
        self.compress = compress
    }

    /// The config JSON of `image` (diff_ids computed from its layers).
    public func config(_ image: TestImage) -> [UInt8] {
        var inner: [(String, JSONValue?)] = [
            ("Env", .array(image.env.map(JSONValue.string))),
            ("Cmd", image.cmd.isEmpty ? nil : .array(image.cmd.map(JSONValue.string))),
            ("Entrypoint", image.entrypoint.isEmpty ? nil : .array(image.entrypoint.map(JSONValue.string))),
        ]
        if let user = image.user { inner.append(("User", .string(user))) }
        let history = (image.createdBy ?? image.layers.indices.map { "layer \($0)" }).map {
            JSONValue.object([("created_by", .string($0))])
        }
        let json = JSONValue.compactObject([
            ("architecture", .string(image.architecture)),
            ("os", .string(image.os)),
            ("variant", image.variant.map(JSONValue.string)),
            ("config", JSONValue.compactObject(inner)),
            (
                "rootfs",
                .object([("type", .string("layers")), ("diff_ids", .array(image.layers.map { .string(sha256($0)) }))])
            ),
            ("history", .array(history)),
        ])
        return Array(json.serialized(pretty: false).utf8)
    }

    /// Legacy `docker save`: `<id>/layer.tar`, `<config hex>.json`, `manifest.json`, `repositories`.
    /// A layer that appears twice is stored once and linked with a symlink, as Docker does.
    public func dockerSave(_ images: [(image: TestImage, tags: [String])]) -> Files {
        var files: Files = []
        var manifest: [JSONValue] = []
        var written: [String: String] = [:]
        for (number, (image, tags)) in images.enumerated() {
            let config = config(image)
            let configName = hex(config) + ".json"
            var layerPaths: [String] = []
            for (i, layer) in image.layers.enumerated() {
                let id = hex(Array("\(number)/\(i)".utf8) + layer)
                let path = id + "/layer.tar"
                if let first = written[hex(layer)] {
                    files.append((path, Array("SYMLINK:../\(first)".utf8)))
                } else {
                    files.append((id + "/VERSION", Array("1.0".utf8)))
                    files.append((path, layer))
                    written[hex(layer)] = path
                }
                layerPaths.append(path)
            }
            files.append((configName, config))
            manifest.append(
                .object([
                    ("Config", .string(configName)), ("RepoTags", .array(tags.map(JSONValue.string))),
                    ("Layers", .array(layerPaths.map(JSONValue.string))),
                ])
            )
        }
        files.append(("manifest.json", Array(JSONValue.array(manifest).serialized(pretty: false).utf8)))
        files.append(("repositories", Array("{}".utf8)))
        return files
    }

    /// An OCI image layout; with several images (or `asIndex`), `index.json` points to a nested
    /// index listing them by platform, as multi-platform pulls produce. `tag` becomes
    /// `org.opencontainers.image.ref.name`. `dockerSaveManifest` adds Docker 25+'s `manifest.json`.
    public func ociLayout(
        _ images: [TestImage],
        tag: String? = nil,
        asIndex: Bool = false,
        compressLayers: Bool = true,
        dockerSaveManifest: Bool = false
    ) -> Files {
        var blobs: [String: [UInt8]] = [:]
        var manifests: [JSONValue] = []
        var dockerManifest: [JSONValue] = []
        for image in images {
            let config = config(image)
            blobs[sha256(config)] = config
            var layerDescriptors: [JSONValue] = []
            var layerPaths: [String] = []
            for layer in image.layers {
                let blob = compressLayers ? compress(layer) : layer
                blobs[sha256(blob)] = blob
                layerPaths.append(blobPath(sha256(blob)))
                layerDescriptors.append(
                    descriptor(
                        compressLayers ? layerMediaType : "application/vnd.oci.image.layer.v1.tar",
                        blob
                    )
                )
            }
            let manifest = JSONValue.object([
                ("schemaVersion", .int(2)), ("mediaType", .string("application/vnd.oci.image.manifest.v1+json")),
                ("config", descriptor("application/vnd.oci.image.config.v1+json", config)),
                ("layers", .array(layerDescriptors)),
            ])
            let bytes = Array(manifest.serialized(pretty: false).utf8)
            blobs[sha256(bytes)] = bytes
            let platform = JSONValue.compactObject([
                ("architecture", .string(image.architecture)), ("os", .string(image.os)),
                ("variant", image.variant.map(JSONValue.string)),
            ])
            manifests.append(
                descriptor(
                    "application/vnd.oci.image.manifest.v1+json",
                    bytes,
                    platform: platform,
                    annotations: tag.map { [("org.opencontainers.image.ref.name", .string($0))] }
                )
            )
            dockerManifest.append(
                .object([
                    ("Config", .string(blobPath(sha256(config)))),
                    ("RepoTags", .array(tag.map { [.string($0)] } ?? [])),
                    ("Layers", .array(layerPaths.map(JSONValue.string))),
                ])
            )
        }
        var top = manifests
        if asIndex || images.count > 1 {
            let nested = JSONValue.object([
                ("schemaVersion", .int(2)), ("mediaType", .string("application/vnd.oci.image.index.v1+json")),
                ("manifests", .array(manifests)),
            ])
            let bytes = Array(nested.serialized(pretty: false).utf8)
            blobs[sha256(bytes)] = bytes
            top = [
                descriptor(
                    "application/vnd.oci.image.index.v1+json",
                    bytes,
                    annotations: tag.map { [("org.opencontainers.image.ref.name", .string($0))] }
                )
            ]
        }
        let index = JSONValue.object([
            ("schemaVersion", .int(2)), ("mediaType", .string("application/vnd.oci.image.index.v1+json")),
            ("manifests", .array(top)),
        ])
        var files: Files = [("blobs/", []), ("blobs/sha256/", [])]
        for (digest, bytes) in blobs.sorted(by: { $0.key < $1.key }) { files.append((blobPath(digest), bytes)) }
        files.append(("index.json", Array(index.serialized(pretty: false).utf8)))
        files.append(("oci-layout", Array("{\"imageLayoutVersion\":\"1.0.0\"}".utf8)))
        if dockerSaveManifest {
            files.append(("manifest.json", Array(JSONValue.array(dockerManifest).serialized(pretty: false).utf8)))
        }
        return files
    }

    private func descriptor(
        _ mediaType: String,
        _ bytes: [UInt8],
        platform: JSONValue? = nil,
        annotations: [(String, JSONValue)]? = nil
    ) -> JSONValue {
        JSONValue.compactObject([
            ("mediaType", .string(mediaType)), ("digest", .string(sha256(bytes))), ("size", .int(bytes.count)),
            ("platform", platform), ("annotations", annotations.map { JSONValue.object($0) }),
        ])
    }

    private func hex(_ bytes: [UInt8]) -> String { String(sha256(bytes).dropFirst("sha256:".count)) }

    private func blobPath(_ digest: String) -> String { "blobs/" + digest.replacingOccurrences(of: ":", with: "/") }

    /// Packs files into a tar (directories for paths ending in `/`; `SYMLINK:target` content makes a
    /// symlink).
    public static func tar(_ files: Files) -> [UInt8] {
        var w = TarWriter()
        var dirs: Set<String> = []
        for (path, bytes) in files {
            if path.hasSuffix("/") {
                dirs.insert(path)
                w.directory(path)
                continue
            }
            if let slash = path.lastIndex(of: "/") {
                let dir = String(path[...slash])
                if !dirs.contains(dir) {
                    dirs.insert(dir)
                    w.directory(dir)
                }
            }
            if let text = String(bytes: bytes, encoding: .utf8), text.hasPrefix("SYMLINK:") {
                w.symlink(path, to: String(text.dropFirst(8)))
            } else {
                w.file(path, bytes)
            }
        }
        return w.finish()
    }

    /// Writes files under `directory` (created as needed).
    public static func write(_ files: Files, to directory: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (path, bytes) in files {
            let full = directory + "/" + path
            if path.hasSuffix("/") {
                try fm.createDirectory(atPath: full, withIntermediateDirectories: true)
                continue
            }
            try fm.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            if let text = String(bytes: bytes, encoding: .utf8), text.hasPrefix("SYMLINK:") {
                try fm.createSymbolicLink(atPath: full, withDestinationPath: String(text.dropFirst(8)))
            } else {
                try Data(bytes).write(to: URL(fileURLWithPath: full))
            }
        }
    }
}
