internal import OCIImage

/// A byte stream that can look at its first bytes before they are read.
struct PeekingByteStream<Upstream: ByteStream>: ByteStream {
    private var upstream: Upstream
    private var pending: [UInt8] = []
    private var pendingOffset = 0

    init(_ upstream: Upstream) { self.upstream = upstream }

    /// Up to `count` first bytes, which later reads return again.
    mutating func peek(_ count: Int) throws(ImageError) -> [UInt8] {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 1)
        defer { chunk.deallocate() }
        while pending.count < count {
            let wanted = count - pending.count
            let n = try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[0..<wanted]))
            if n == 0 { break }
            pending.append(contentsOf: chunk[0..<n])
        }
        return pending
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        if pendingOffset < pending.count {
            let n = min(buffer.count, pending.count - pendingOffset)
            for i in 0..<n { buffer[i] = pending[pendingOffset + i] }
            pendingOffset += n
            return n
        }
        return try upstream.read(into: buffer)
    }
}
