internal import CZlib

/// Inflates one raw deflate stream (zip method 8, `windowBits` -15) held in memory.
enum RawInflater {
    /// The inflated bytes of `input`, which must expand to exactly `expectedSize` bytes.
    static func inflate(
        _ input: ArraySlice<UInt8>,
        expectedSize: Int,
        path: String
    ) throws(FeedError) -> [UInt8] {
        var stream = z_stream()
        let initialised = inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initialised == Z_OK else {
            throw FeedError(.malformed, path: path, reason: "cannot start inflating (zlib error \(initialised))")
        }
        defer { inflateEnd(&stream) }
        // One spare byte reveals an entry that inflates to more than its declared size.
        var output = [UInt8](repeating: 0, count: expectedSize + 1)
        var status: Int32 = Z_OK
        var produced = 0
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                status = CZlib.inflate(&stream, Z_FINISH)
                produced = target.count - Int(stream.avail_out)
            }
        }
        switch status {
        case Z_STREAM_END:
            guard produced == expectedSize else {
                throw FeedError(
                    .malformed,
                    path: path,
                    reason: "entry inflates to \(produced) bytes, the directory says \(expectedSize)"
                )
            }
            output.removeLast()
            return output
        case Z_BUF_ERROR where produced <= expectedSize:
            throw FeedError(.truncated, path: path, reason: "compressed data ends early")
        case Z_OK, Z_BUF_ERROR:
            throw FeedError(
                .malformed,
                path: path,
                reason: "entry inflates to more than the \(expectedSize) bytes declared"
            )
        default:
            throw FeedError(.malformed, path: path, reason: "invalid deflate data (zlib error \(status))")
        }
    }

    /// The CRC-32 of `bytes`.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: CZlib.crc32(0, buffer.baseAddress, UInt32(buffer.count)))
        }
    }
}
