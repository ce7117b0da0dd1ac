import OCIImage

/// Passes a blob through and fails when it is longer or shorter than its descriptor says, so a
/// misbehaving server cannot stream without end.
struct SizeCheckedStream: ByteStream {
    var base: any ByteStream
    let expected: Int
    let subject: String
    private var seen = 0

    init(base: any ByteStream, expected: Int, subject: String) {
        self.base = base
        self.expected = expected
        self.subject = subject
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard buffer.count > 0 else { return 0 }
        // Ask for one byte past the declared end so that an overlong body is noticed.
        let room = max(1, min(buffer.count, expected - seen + 1))
        let n = try base.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<room]))
        seen += n
        if seen > expected {
            throw ImageError(
                code: .tooLarge,
                subject: subject,
                message: "the blob is longer than the \(expected) bytes its descriptor declares"
            )
        }
        if n == 0 && seen < expected {
            throw ImageError(
                code: .truncated,
                subject: subject,
                message: "the blob ended after \(seen) of \(expected) bytes"
            )
        }
        return n
    }
}
