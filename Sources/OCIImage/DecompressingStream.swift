/// Decompresses a layer blob on the fly (gzip — including multi-member gzip —, zstd, or none),
/// detecting the format from the first bytes, and guards against decompression bombs.
///
/// The guard throws ``ImageError/Code-swift.struct/decompressionBomb`` naming the layer when the
/// output passes ``ImageReadLimits/maximumLayerSize`` or, once past
/// ``ImageReadLimits/expansionCheckThreshold``, expands more than
/// ``ImageReadLimits/maximumExpansionRatio`` times the input consumed. An uncompressed blob larger
/// than the maximum is ``ImageError/Code-swift.struct/tooLarge``.
public struct DecompressingStream<Upstream: ByteStream>: ByteStream {
    /// The compressed stream.
    public private(set) var upstream: Upstream
    private let input: InputBuffer
    private let limits: ImageReadLimits
    private let subject: String
    private var gzip: GzipInflater?
    private var zstd: ZstdInflater?
    private var memberEnded = false
    private var upstreamEnded = false
    private var finished = false
    /// The detected format (nil until the first read).
    public private(set) var format: CompressionFormat?
    /// Compressed bytes consumed so far.
    public private(set) var compressedBytes = 0
    /// Uncompressed bytes produced so far.
    public private(set) var uncompressedBytes = 0

    /// Wraps `upstream`; `format` nil means detect from the magic bytes.
    public init(
        _ upstream: Upstream,
        format: CompressionFormat? = nil,
        limits: ImageReadLimits = ImageReadLimits(),
        subject: String
    ) {
        self.upstream = upstream
        self.format = format
        self.limits = limits
        self.subject = subject
        self.input = InputBuffer(capacity: 256 << 10)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        if format == nil { try detect() }
        let n: Int
        switch format ?? .none {
        case .none: n = try readPlain(into: buffer)
        case .gzip: n = try readGzip(into: buffer)
        case .zstd: n = try readZstd(into: buffer)
        }
        if n == 0 { finished = true }
        return n
    }

    // MARK: - Formats

    private mutating func detect() throws(ImageError) {
        while input.count < 6, !upstreamEnded { try refill() }
        let detected = try CompressionFormat.detect(input.readable, subject: subject)
        format = detected
        switch detected {
        case .gzip: gzip = try GzipInflater(subject: subject)
        case .zstd: zstd = try ZstdInflater(subject: subject)
        case .none: break
        }
    }

    private mutating func readPlain(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        var n = 0
        if input.count > 0 {
            n = min(input.count, buffer.count)
            if let source = input.readable.baseAddress, let target = buffer.baseAddress {
                target.copyMemory(from: source, byteCount: n)
            }
            input.consume(n)
        } else if !upstreamEnded {
            n = try upstream.read(into: buffer)
            if n == 0 { upstreamEnded = true }
        }
        compressedBytes += n
        uncompressedBytes += n
        if uncompressedBytes > limits.maximumLayerSize {
            throw ImageError(
                code: .tooLarge,
                subject: subject,
                message: "layer is larger than the limit of \(limits.maximumLayerSize) bytes"
            )
        }
        return n
    }

    private mutating func readGzip(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard let gzip else { return 0 }
        var written = 0
        while written < buffer.count {
            if memberEnded {
                // Another member, zero padding, or the end.
                if input.count == 0 {
                    if upstreamEnded { break }
                    try refill()
                    continue
                }
                if try skipZeroPadding() { continue }
                if input.count < 2, !upstreamEnded {
                    try refill()
                    continue
                }
                let head = input.readable
                guard head.count >= 2, head[0] == 0x1F, head[1] == 0x8B else {
                    throw ImageError(
                        code: .malformed,
                        subject: subject,
                        message: "data after the end of the gzip stream"
                    )
                }
                gzip.reset()
                memberEnded = false
            }
            if input.count == 0 {
                if upstreamEnded {
                    throw ImageError(
                        code: .truncated,
                        subject: subject,
                        message: "gzip stream ends after \(compressedBytes) bytes, before its end marker"
                    )
                }
                try refill()
                continue
            }
            let out = UnsafeMutableRawBufferPointer(rebasing: buffer[written...])
            let (consumed, produced, end) = try gzip.inflate(input.readable, into: out)
            input.consume(consumed)
            compressedBytes += consumed
            written += produced
            try account(produced)
            if end { memberEnded = true }
            if consumed == 0, produced == 0, !end {
                if upstreamEnded {
                    throw ImageError(
                        code: .truncated,
                        subject: subject,
                        message: "gzip stream ends after \(compressedBytes) bytes, before its end marker"
                    )
                }
                try refill()
            }
        }
        return written
    }

    private mutating func readZstd(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard let zstd else { return 0 }
        var written = 0
        while written < buffer.count {
            if input.count == 0 {
                if upstreamEnded {
                    if !zstd.frameComplete {
                        // Flush what libzstd still holds before deciding the frame is cut short.
                        let out = UnsafeMutableRawBufferPointer(rebasing: buffer[written...])
                        let (_, produced) = try zstd.inflate(UnsafeRawBufferPointer(start: nil, count: 0), into: out)
                        written += produced
                        try account(produced)
                        if produced > 0 { continue }
                        throw ImageError(
                            code: .truncated,
                            subject: subject,
                            message: "zstd stream ends after \(compressedBytes) bytes, inside a frame"
                        )
                    }
                    break
                }
                try refill()
                continue
            }
            let out = UnsafeMutableRawBufferPointer(rebasing: buffer[written...])
            let (consumed, produced) = try zstd.inflate(input.readable, into: out)
            input.consume(consumed)
            compressedBytes += consumed
            written += produced
            try account(produced)
            if consumed == 0, produced == 0 { try refill() }
        }
        return written
    }

    // MARK: - Helpers

    /// Drops zero bytes between/after gzip members (as `gzip -d` tolerates); true when any were dropped.
    private mutating func skipZeroPadding() throws(ImageError) -> Bool {
        let head = input.readable
        var zeros = 0
        while zeros < head.count, head[zeros] == 0 { zeros += 1 }
        guard zeros > 0 else { return false }
        input.consume(zeros)
        compressedBytes += zeros
        return true
    }

    private mutating func refill() throws(ImageError) {
        guard !upstreamEnded else { return }
        input.compact()
        let n = try upstream.read(into: input.writable)
        if n == 0 { upstreamEnded = true } else { input.commit(n) }
    }

    private mutating func account(_ produced: Int) throws(ImageError) {
        uncompressedBytes += produced
        if uncompressedBytes > limits.maximumLayerSize {
            throw ImageError(
                code: .decompressionBomb,
                subject: subject,
                message: "layer expands beyond the limit of \(limits.maximumLayerSize) bytes "
                    + "(\(compressedBytes) compressed bytes read so far)"
            )
        }
        if uncompressedBytes > limits.expansionCheckThreshold,
            uncompressedBytes / max(compressedBytes, 1) > limits.maximumExpansionRatio
        {
            throw ImageError(
                code: .decompressionBomb,
                subject: subject,
                message:
                    "layer expands more than \(limits.maximumExpansionRatio)x: \(compressedBytes) compressed bytes "
                    + "produced \(uncompressedBytes) bytes (a decompression bomb?)"
            )
        }
    }
}
