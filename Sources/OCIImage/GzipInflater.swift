internal import CZlib

/// zlib's inflate over caller-supplied buffers. `windowBits = 15 + 32` accepts gzip and zlib
/// headers; after `streamEnd` the caller may ``reset()`` for the next gzip member.
///
/// Invariant: `stream` is allocated once and never moves (zlib keeps a pointer back to it).
final class GzipInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var initialized = false
    let subject: String

    init(subject: String) throws(ImageError) {
        self.subject = subject
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else {
            stream.deallocate()
            throw ImageError(code: .io, subject: subject, message: "cannot initialise zlib (error \(rc))")
        }
        initialized = true
    }

    deinit {
        if initialized { inflateEnd(stream) }
        stream.deallocate()
    }

    func reset() { inflateReset(stream) }

    /// Inflates from `input` into `output`; returns bytes consumed, bytes produced and whether the
    /// end of the current member was reached.
    func inflate(
        _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) throws(ImageError) -> (consumed: Int, produced: Int, end: Bool) {
        guard let outBase = output.baseAddress, output.count > 0 else { return (0, 0, false) }
        let inCount = min(input.count, Int(UInt32.max))
        let outCount = min(output.count, Int(UInt32.max))
        stream.pointee.next_in =
            input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
        stream.pointee.avail_in = uInt(inCount)
        stream.pointee.next_out = outBase.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(outCount)
        let rc = CZlib.inflate(stream, Z_NO_FLUSH)
        let consumed = inCount - Int(stream.pointee.avail_in)
        let produced = outCount - Int(stream.pointee.avail_out)
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        switch rc {
        case Z_OK, Z_BUF_ERROR: return (consumed, produced, false)
        case Z_STREAM_END: return (consumed, produced, true)
        case Z_MEM_ERROR:
            throw ImageError(code: .io, subject: subject, message: "zlib ran out of memory")
        default:
            let detail = stream.pointee.msg.map { String(cString: $0) } ?? "error \(rc)"
            throw ImageError(code: .malformed, subject: subject, message: "corrupt gzip data: \(detail)")
        }
    }
}
