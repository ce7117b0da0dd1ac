/// A `docker save` tar written to a private scratch directory (`0700`, the file `0600`).
///
/// The directory and the file are deleted by ``remove()`` or when the value is released, so keep it
/// alive while anything reads ``path`` (for example a `DockerArchiveSource` over it).
public final class SavedImageArchive: Sendable {
    /// The archive file.
    public let path: String
    /// The private directory holding it (removed with it).
    public let directory: String
    /// Bytes written.
    public let byteCount: Int

    init(path: String, directory: String, byteCount: Int) {
        self.path = path
        self.directory = directory
        self.byteCount = byteCount
    }

    deinit { RemoteScratch.remove(directory) }

    /// Deletes the archive and its directory now (idempotent).
    public func remove() { RemoteScratch.remove(directory) }
}
