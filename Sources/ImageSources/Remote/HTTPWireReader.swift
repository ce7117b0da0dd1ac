import OCIImage

/// Buffered reading of an HTTP/1.1 response from an ``HTTPByteSource``: lines for the head and chunk
/// sizes, raw bytes (straight into the caller's buffer when nothing is buffered) for bodies.
final class HTTPWireReader {
    let source: any HTTPByteSource
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0

    init(source: any HTTPByteSource, bufferSize: Int = 16 * 1024) {
        self.source = source
        self.buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bufferSize), alignment: 1)
    }

    deinit { buffer.deallocate() }

    var peer: String { source.peerDescription }

    /// Bytes consumed from the source so far that are still buffered.
    var bufferedCount: Int { end - start }

    /// Reads one line (without its CRLF or bare LF). Nil at end of stream before any byte of a line.
    /// Throws when the line exceeds `limit` bytes or the stream ends inside the line.
    func readLine(limit: Int, what: String) throws(ImageError) -> [UInt8]? {
        var line = [UInt8]()
        while true {
            if start == end {
                if try fill() == 0 {
                    if line.isEmpty { return nil }
                    throw ImageError(
                        code: .truncated,
                        subject: peer,
                        message: "the connection closed in the middle of \(what): \"\(RemoteText.printable(line))\""
                    )
                }
            }
            let newline = buffer[start..<end].firstIndex(of: 0x0A)
            let stop = newline ?? end
            line.append(contentsOf: buffer[start..<stop])
            start = newline.map { $0 + 1 } ?? end
            if line.count > limit + 1 {
                throw ImageError(
                    code: .network,
                    subject: peer,
                    message: "\(what) is longer than \(limit) bytes: \"\(RemoteText.printable(line))\""
                )
            }
            if newline != nil {
                if line.last == 0x0D { line.removeLast() }
                return line
            }
        }
    }

    /// Reads up to `maximum` body bytes into `target`; 0 at end of stream.
    func readSome(into target: UnsafeMutableRawBufferPointer, maximum: Int) throws(ImageError) -> Int {
        let wanted = min(maximum, target.count)
        guard wanted > 0 else { return 0 }
        if start < end {
            let n = min(wanted, end - start)
            UnsafeMutableRawBufferPointer(rebasing: target[0..<n])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[start..<(start + n)]))
            start += n
            return n
        }
        return try source.receive(into: UnsafeMutableRawBufferPointer(rebasing: target[0..<wanted]))
    }

    private func fill() throws(ImageError) -> Int {
        start = 0
        end = 0
        let n = try source.receive(into: buffer)
        end = n
        return n
    }
}
