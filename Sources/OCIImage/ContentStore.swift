public import SecurityModel

/// Identifies one file's content in a ``ContentStore``.
public struct ContentID: Hashable, Sendable {
    /// The store-assigned number.
    public let rawValue: Int
    /// An identifier with the given number.
    public init(rawValue: Int) { self.rawValue = rawValue }
}

/// Where the reader keeps the bytes of files a caller required (``ImageReader/read(isRequired:)``)
/// while the layers stream by. Everything else is never stored.
///
/// ``InMemoryContentStore`` keeps bytes in memory within a budget; the file-backed store in
/// `ImageSources` writes them to a private scratch directory. Stores must be safe to read from any
/// thread once written (the resulting ``LayeredFileTree`` is `Sendable`).
public protocol ContentStore: AnyObject, Sendable {
    /// Starts storing a file of `expectedSize` bytes found at `path` (for messages only: stores never
    /// use image paths as host paths). Throws (for example ``ImageError/Code-swift.struct/tooLarge``
    /// when over budget) to decline; the reader then records a diagnostic and goes on.
    func begin(path: String, expectedSize: Int) throws(ImageError) -> ContentID
    /// Appends the next chunk of the file's content.
    func append(_ chunk: UnsafeRawBufferPointer, to id: ContentID) throws(ImageError)
    /// Marks the content complete.
    func finish(_ id: ContentID) throws(ImageError)
    /// Drops the content (the file was deleted or overwritten by a later layer, or storing failed).
    func release(_ id: ContentID)
    /// The stored bytes; throws ``FileTreeError`` when they are gone or larger than `limit`.
    func contents(of id: ContentID, path: String, limit: Int) throws(FileTreeError) -> [UInt8]
}
