internal import CZstd

/// libzstd's streaming decompressor (`ZSTD_decompressStream`). Concatenated and skippable frames
/// are handled by libzstd; `frameComplete` is false while a frame is only partly decoded. The
/// window is limited to libzstd's default (128 MiB), bounding memory.
///
/// Invariant: `context` is owned by this object and freed exactly once in `deinit`.
final class ZstdInflater {
    private let context: OpaquePointer
    let subject: String
    private(set) var frameComplete = true

    init(subject: String) throws(ImageError) {
        self.subject = subject
        guard let context = ZSTD_createDStream() else {
            throw ImageError(code: .io, subject: subject, message: "cannot initialise zstd")
        }
        self.context = context
        ZSTD_initDStream(context)
    }

    deinit { ZSTD_freeDStream(context) }

    func inflate(
        _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) throws(ImageError) -> (consumed: Int, produced: Int) {
        var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var outBuffer = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
        let rc = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
        if ZSTD_isError(rc) != 0 {
            let name = ZSTD_getErrorName(rc).map { String(cString: $0) } ?? "error"
            throw ImageError(code: .malformed, subject: subject, message: "corrupt zstd data: \(name)")
        }
        if inBuffer.pos > 0 || outBuffer.pos > 0 { frameComplete = rc == 0 }
        return (inBuffer.pos, outBuffer.pos)
    }
}
