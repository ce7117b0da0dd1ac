import OCIImage
import TestSupport
import Testing

@testable import ImageSources

/// Bytes in memory served in random-size pieces, as a socket would.
final class MemoryHTTPSource: HTTPByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private var generator: SplitMix64
    let peerDescription = "memory"

    init(_ bytes: [UInt8], seed: UInt64) {
        self.bytes = bytes
        self.generator = SplitMix64(seed: seed)
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        let left = bytes.count - offset
        guard left > 0, buffer.count > 0 else { return 0 }
        let n = min(left, buffer.count, Int.random(in: 1...97, using: &generator))
        UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n])
            .copyBytes(from: bytes[offset..<(offset + n)])
        offset += n
        return n
    }

    func close() {}
}

/// Parses a whole response from memory with the production parser.
func remoteParseResponse(_ bytes: [UInt8], seed: UInt64, method: String = "GET") throws(ImageError) -> (Int, [UInt8]) {
    let reader = HTTPWireReader(source: MemoryHTTPSource(bytes, seed: seed), bufferSize: 64)
    let head = try HTTPResponseHead.read(from: reader)
    let framing = try SocketHTTPClient.framing(of: head, method: method, peer: "memory")
    var stream: any ByteStream = HTTPBodyStream(reader: reader, framing: framing)
    return (head.status, try remoteDrain(&stream, chunk: 13))
}

@Suite struct HTTPParserPropertyTests {
    static func chunked(_ body: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var out = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        var index = 0
        while index < body.count {
            let size = min(body.count - index, Int.random(in: 1...700, using: &generator))
            var hex = String(size, radix: 16)
            if Bool.random(using: &generator) { hex = hex.uppercased() }
            if Bool.random(using: &generator) { hex = "0" + hex }
            out += Array(hex.utf8)
            if Int.random(in: 0..<4, using: &generator) == 0 { out += Array(";ext=\"v\"".utf8) }
            out += [13, 10] + body[index..<(index + size)] + [13, 10]
            index += size
        }
        out += Array("0\r\n".utf8)
        if Bool.random(using: &generator) { out += Array("Trailer-A: x\r\n".utf8) }
        out += [13, 10]
        return out
    }

    @Test func chunkedBodiesRoundTrip() throws {
        var generator = SplitMix64(seed: 2024)
        for iteration in 0..<200 {
            let body = (0..<Int.random(in: 0...5000, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            let wire = Self.chunked(body, using: &generator)
            let (status, decoded) = try remoteParseResponse(wire, seed: UInt64(iteration))
            #expect(status == 200)
            #expect(decoded == body, "iteration \(iteration)")
        }
    }

    @Test func contentLengthBodiesRoundTrip() throws {
        var generator = SplitMix64(seed: 99)
        for iteration in 0..<200 {
            let body = (0..<Int.random(in: 0...3000, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            let wire =
                Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body + Array("junk".utf8)
            let (_, decoded) = try remoteParseResponse(wire, seed: UInt64(iteration))
            #expect(decoded == body)
        }
    }

    @Test func everyTruncationFailsOrYieldsTheWholeBody() {
        var generator = SplitMix64(seed: 5)
        let body = (0..<600).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let wire = Self.chunked(body, using: &generator)
        var failures = 0
        for length in 0..<wire.count {
            do {
                let (_, decoded) = try remoteParseResponse(Array(wire[0..<length]), seed: UInt64(length))
                // Only a cut inside the optional trailer section after the last chunk may pass.
                #expect(decoded == body, "prefix \(length)")
            } catch {
                failures += 1
                #expect(!error.message.isEmpty)
            }
        }
        #expect(failures > wire.count - 40)
    }

    @Test func mutatedResponsesNeverCrash() {
        var generator = SplitMix64(seed: 77)
        let body = Array("The quick brown fox jumps over the lazy dog".utf8)
        let bases = [
            Self.chunked(body, using: &generator),
            Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body,
        ]
        var outcomes = [0, 0]
        for iteration in 0..<2000 {
            var wire = bases[iteration % 2]
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let position = Int.random(in: 0..<wire.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: wire[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: wire.remove(at: position)
                default: wire.insert(UInt8.random(in: 0...255, using: &generator), at: position)
                }
            }
            do {
                _ = try remoteParseResponse(wire, seed: UInt64(iteration))
                outcomes[0] += 1
            } catch {
                outcomes[1] += 1
            }
        }
        #expect(outcomes[0] + outcomes[1] == 2000)
        #expect(outcomes[1] > 0)
    }

    @Test func randomNoiseIsRejected() {
        var generator = SplitMix64(seed: 3)
        for iteration in 0..<500 {
            let noise = (0..<Int.random(in: 0...400, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            #expect(throws: ImageError.self) { try remoteParseResponse(noise, seed: UInt64(iteration)) }
        }
    }

    @Test func oversizedHeadsAreRejected() throws {
        let huge =
            "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Pad: \(String(repeating: "a", count: 1000))\r\n", count: 80)
        let error = try #require(remoteImageError { try remoteParseResponse(Array((huge + "\r\n").utf8), seed: 1) })
        #expect(error.message.contains("larger than 65536 bytes"))
        let many = "HTTP/1.1 200 OK\r\n" + String(repeating: "A: b\r\n", count: 300) + "\r\n"
        let tooMany = try #require(remoteImageError { try remoteParseResponse(Array(many.utf8), seed: 1) })
        #expect(tooMany.message.contains("more than 200 header fields"))
    }

    @Test func headAnd204AndLengthlessResponsesAreFramedPerRFC() throws {
        let wire = Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n".utf8)
        #expect(try remoteParseResponse(wire, seed: 1, method: "HEAD").1.isEmpty)
        #expect(try remoteParseResponse(Array("HTTP/1.1 204 No Content\r\n\r\n".utf8), seed: 1).1.isEmpty)
        #expect(
            try remoteParseResponse(Array("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n".utf8), seed: 1).1
                .isEmpty
        )
        // Bare LF line endings are tolerated.
        #expect(
            try remoteParseResponse(Array("HTTP/1.1 200 OK\nContent-Length: 2\n\nhi".utf8), seed: 1).1
                == Array("hi".utf8)
        )
    }
}
