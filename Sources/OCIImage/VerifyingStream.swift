/// Passes a stream through while hashing it, and checks the digest and size at the end.
///
/// At end of stream the bytes seen must hash to `expected` (else ``ImageError/Code-swift.struct/digestMismatch``)
/// and, when `expectedSize` is given, number exactly that many (fewer is
/// ``ImageError/Code-swift.struct/truncated``; more stops the read as soon as the limit is passed with
/// ``ImageError/Code-swift.struct/malformed``). A mismatch is always an error, never a warning.
/// With no expected digest the stream only counts and hashes (``computedDigest`` is then the
/// digest of what was read, for example a layer's diffID).
public struct VerifyingStream<Upstream: ByteStream>: ByteStream {
    /// The wrapped stream.
    public private(set) var upstream: Upstream
    private var hasher: StreamingHasher
    private let expected: Digest?
    private let expectedSize: Int?
    private let subject: String
    /// Bytes passed through so far.
    public private(set) var byteCount = 0
    /// The digest of the whole stream, set once the end was reached and verified.
    public private(set) var computedDigest: Digest?

    /// Wraps `upstream`; `algorithm` is used when `expected` is nil.
    public init(
        _ upstream: Upstream,
        expected: Digest?,
        expectedSize: Int? = nil,
        subject: String,
        algorithm: Digest.Algorithm = .sha256
    ) {
        self.upstream = upstream
        self.expected = expected
        self.expectedSize = expectedSize
        self.subject = subject
        self.hasher = StreamingHasher(expected?.algorithm ?? algorithm)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        if computedDigest != nil { return 0 }
        var target = buffer
        if let expectedSize {
            // Read at most one byte past the declared size, so an over-long blob is detected
            // without reading (or hashing) an unbounded amount.
            let allowed = max(expectedSize - byteCount, 0) + 1
            if target.count > allowed { target = UnsafeMutableRawBufferPointer(rebasing: target[0..<allowed]) }
        }
        let n = try upstream.read(into: target)
        if n > 0 {
            hasher.update(UnsafeRawBufferPointer(rebasing: target[0..<n]))
            byteCount += n
            if let expectedSize, byteCount > expectedSize {
                throw ImageError(
                    code: .malformed,
                    subject: subject,
                    message: "blob is longer than the \(expectedSize) bytes the manifest declares"
                )
            }
            return n
        }
        try finish()
        return 0
    }

    private mutating func finish() throws(ImageError) {
        if let expectedSize, byteCount < expectedSize {
            throw ImageError(
                code: .truncated,
                subject: subject,
                message: "blob ended after \(byteCount) of the \(expectedSize) bytes the manifest declares"
            )
        }
        let digest = hasher.finalize()
        if let expected, digest != expected {
            throw ImageError(
                code: .digestMismatch,
                subject: subject,
                message: "content digest is \(digest) but \(expected) was expected"
            )
        }
        computedDigest = digest
    }
}
