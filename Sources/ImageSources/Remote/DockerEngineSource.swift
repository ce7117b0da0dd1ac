public import OCIImage
public import SecurityModel
import Synchronization

/// An image in the local Docker Engine, read through `docker save` (`GET /images/{name}/get`).
///
/// The saved tar needs random access, so it is streamed into a private scratch file first (see
/// ``DockerEngineClient/saveImage(_:scratchParent:)``) and then read by the archive source that
/// `makeArchiveSource` builds over it (normally `DockerArchiveSource(path:reference:)`). The
/// scratch file lives as long as this source, or until ``removeScratch()``.
public final class DockerEngineSource: ImageSource {
    /// Builds the source that reads a saved archive: `(path, reference) -> source`.
    public typealias ArchiveSourceFactory =
        @Sendable (_ path: String, _ reference: String) throws(ImageError) ->
        any ImageSource

    /// The image as the user named it (name, `name:tag`, `name@digest` or id).
    public let reference: String
    /// The engine client.
    public let client: DockerEngineClient
    private let scratchParent: String?
    private let makeArchiveSource: ArchiveSourceFactory
    private let saved = Mutex<Saved?>(nil)

    private struct Saved: Sendable {
        var archive: SavedImageArchive
        var source: any ImageSource
        var inspect: DockerImageInspect
    }

    /// A source for `reference` in the engine `client` talks to; scratch files go under
    /// `scratchParent` (`$TMPDIR` or `/tmp` when nil).
    public init(
        reference: String,
        client: DockerEngineClient,
        scratchParent: String? = nil,
        makeArchiveSource: @escaping ArchiveSourceFactory
    ) {
        self.reference = reference
        self.client = client
        self.scratchParent = scratchParent
        self.makeArchiveSource = makeArchiveSource
    }

    /// A source for `reference` in the engine `DOCKER_HOST` names (the process environment when
    /// `environment` is nil).
    public convenience init(
        reference: String,
        environment: [String: String]? = nil,
        timeouts: HTTPTimeouts = .default,
        makeArchiveSource: @escaping ArchiveSourceFactory
    ) throws(ImageError) {
        self.init(
            reference: reference,
            client: try DockerEngineClient(environment: environment, timeouts: timeouts),
            makeArchiveSource: makeArchiveSource
        )
    }

    /// Inspects, saves and resolves the image (the save happens once per source).
    public func resolve() throws(ImageError) -> ResolvedImage {
        let current = try prepared()
        var resolved = try current.source.resolve()
        if let config = resolved.metadata.configDigest, Self.hexPart(config) != Self.hexPart(current.inspect.id) {
            throw ImageError(
                code: .digestMismatch,
                subject: "Docker Engine image \(reference)",
                message: "the saved archive holds config \(config) but the engine reported image \(current.inspect.id)"
            )
        }
        resolved.metadata.reference = reference
        if resolved.metadata.configDigest == nil { resolved.metadata.configDigest = current.inspect.id }
        if resolved.metadata.repoTags.isEmpty { resolved.metadata.repoTags = current.inspect.repoTags }
        return resolved
    }

    /// Opens a layer of the saved archive.
    public func openLayer(_ layer: LayerInfo, index: Int) throws(ImageError) -> any ByteStream {
        try prepared().source.openLayer(layer, index: index)
    }

    /// The scratch archive (saving it first if needed); valid while this source is alive.
    public func archive() throws(ImageError) -> SavedImageArchive { try prepared().archive }

    /// Deletes the scratch archive now; a later call saves the image again.
    public func removeScratch() {
        let old = saved.withLock { value -> Saved? in
            let old = value
            value = nil
            return old
        }
        old?.archive.remove()
    }

    private static func hexPart(_ digest: String) -> Substring {
        digest.hasPrefix("sha256:") ? digest.dropFirst(7) : Substring(digest)
    }

    private func prepared() throws(ImageError) -> Saved {
        try saved.withLock { (value) throws(ImageError) -> Saved in
            if let value { return value }
            let inspect = try client.inspectImage(reference)
            let archive = try client.saveImage(reference, scratchParent: scratchParent)
            let source = try makeArchiveSource(archive.path, reference)
            let made = Saved(archive: archive, source: source, inspect: inspect)
            value = made
            return made
        }
    }
}
