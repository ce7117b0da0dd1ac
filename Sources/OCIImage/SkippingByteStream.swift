/// A ``ByteStream`` that can jump forward without producing the bytes (a file read with `pread`).
/// ``TarReader`` uses it to step over member content it does not need, so indexing a large archive
/// on disk costs one read per header.
public protocol SkippingByteStream: ByteStream {
    /// Skips up to `count` bytes; returns how many were skipped (fewer only at the end).
    mutating func skip(_ count: Int) throws(ImageError) -> Int
}
