/// A pull-based stream of bytes (a blob from a file, a socket, or a decompressor).
///
/// `read(into:)` fills up to `buffer.count` bytes and returns how many it wrote; 0 means end of
/// stream. Errors are ``ImageError``s naming what was being read.
public protocol ByteStream {
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int
}

/// A stream over bytes already in memory (tests, small blobs).
public struct MemoryByteStream: ByteStream, Sendable {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            guard let base = src.baseAddress, let target = buffer.baseAddress else { return }
            target.copyMemory(from: base + offset, byteCount: n)
        }
        offset += n
        return n
    }
}
