import OCIImage

/// The body of an HTTP/1.1 response as a ``ByteStream``: `Content-Length`, chunked
/// transfer-encoding, or everything until the server closes the connection.
///
/// The connection is closed as soon as the body ends or the stream is released. A body that ends
/// early is an ``ImageError`` with code `truncated`; malformed chunk framing is code `network`.
final class HTTPBodyStream: ByteStream {
    enum Framing: Equatable {
        case empty
        case length(Int)
        case chunked
        case untilClose
    }

    private enum State {
        case length(remaining: Int)
        case untilClose
        case chunkSize
        case chunkData(remaining: Int)
        case chunkEnd
        case trailers
        case done
    }

    private let reader: HTTPWireReader
    private var state: State
    private let expected: Int?
    private var delivered = 0

    init(reader: HTTPWireReader, framing: Framing) {
        self.reader = reader
        switch framing {
        case .empty: state = .done
        case .length(let n): state = n == 0 ? .done : .length(remaining: n)
        case .chunked: state = .chunkSize
        case .untilClose: state = .untilClose
        }
        if case .length(let n) = framing { expected = n } else { expected = nil }
        if case .done = state { reader.source.close() }
    }

    deinit { reader.source.close() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard buffer.count > 0 else { return 0 }
        while true {
            switch state {
            case .done:
                return 0
            case .length(let remaining):
                let n = try reader.readSome(into: buffer, maximum: remaining)
                guard n > 0 else {
                    finish()
                    throw ImageError(
                        code: .truncated,
                        subject: reader.peer,
                        message: "the response body ended after \(delivered) of \(expected ?? 0) bytes (Content-Length)"
                    )
                }
                delivered += n
                if remaining == n { finish() } else { state = .length(remaining: remaining - n) }
                return n
            case .untilClose:
                let n = try reader.readSome(into: buffer, maximum: buffer.count)
                if n == 0 { finish() }
                delivered += n
                return n
            case .chunkSize:
                guard let line = try reader.readLine(limit: 4096, what: "a chunk size line") else {
                    finish()
                    throw ImageError(
                        code: .truncated,
                        subject: reader.peer,
                        message: "the chunked response body ended after \(delivered) bytes without its last chunk"
                    )
                }
                let size = try Self.parseChunkSize(line, peer: reader.peer)
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let n = try reader.readSome(into: buffer, maximum: remaining)
                guard n > 0 else {
                    finish()
                    throw ImageError(
                        code: .truncated,
                        subject: reader.peer,
                        message: "the chunked response body ended inside a chunk (\(remaining) bytes missing)"
                    )
                }
                delivered += n
                state = remaining == n ? .chunkEnd : .chunkData(remaining: remaining - n)
                return n
            case .chunkEnd:
                guard let line = try reader.readLine(limit: 2, what: "the end of a chunk") else {
                    finish()
                    throw ImageError(
                        code: .truncated,
                        subject: reader.peer,
                        message: "the chunked response body ended after \(delivered) bytes without its last chunk"
                    )
                }
                guard line.isEmpty else {
                    finish()
                    throw ImageError(
                        code: .network,
                        subject: reader.peer,
                        message: "malformed chunked body: expected CRLF after chunk data, got "
                            + "\"\(RemoteText.printable(line))\""
                    )
                }
                state = .chunkSize
            case .trailers:
                // Trailer fields are read and dropped; a peer that closes right after the last chunk
                // (without the final CRLF) is accepted.
                let line = try reader.readLine(limit: HTTPResponseHead.maximumHeadBytes, what: "the chunked trailer")
                if line == nil || line?.isEmpty == true {
                    finish()
                    return 0
                }
            }
        }
    }

    private func finish() {
        state = .done
        reader.source.close()
    }

    /// Parses `1a2b[;extension]` (hex, at most 15 digits).
    static func parseChunkSize(_ line: [UInt8], peer: String) throws(ImageError) -> Int {
        func malformed() -> ImageError {
            ImageError(
                code: .network,
                subject: peer,
                message: "malformed chunk size line \"\(RemoteText.printable(line))\" in a chunked response body"
            )
        }
        var size = 0
        var index = 0
        while index < line.count, let value = hexValue(line[index]) {
            guard index < 15 else { throw malformed() }
            size = size * 16 + value
            index += 1
        }
        guard index > 0 else { throw malformed() }
        if index < line.count {
            let next = line[index]
            guard next == UInt8(ascii: ";") || next == 0x20 || next == 0x09 else { throw malformed() }
        }
        return size
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - 48)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - 55)
        default: return nil
        }
    }
}
