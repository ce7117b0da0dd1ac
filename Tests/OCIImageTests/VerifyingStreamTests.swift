import OCIImage
import Testing

struct VerifyingStreamTests {
    private let data: [UInt8] = Array("hello, layer".utf8)

    private func run(_ bytes: [UInt8], expected: Digest?, size: Int?) throws(ImageError) -> Digest? {
        var stream = VerifyingStream(ChunkedStream(bytes), expected: expected, expectedSize: size, subject: "layer 3")
        _ = try TestCodec.drain(&stream)
        return stream.computedDigest
    }

    @Test func acceptsMatchingDigestAndSize() throws {
        let digest = Digest.compute(.sha256, of: data)
        #expect(try run(data, expected: digest, size: data.count) == digest)
        #expect(digest.description == "sha256:\(TestCodec.sha256Hex(data))")
    }

    @Test func verifiesSHA512() throws {
        let digest = Digest.compute(.sha512, of: data)
        #expect(digest.hex.count == 128)
        #expect(try run(data, expected: digest, size: nil) == digest)
        var other = data
        other[0] = 0
        #expect(throws: ImageError.self) { try run(other, expected: digest, size: nil) }
    }

    @Test func wrongDigestIsAnErrorNamingTheSubject() {
        var tampered = data
        tampered[2] ^= 1
        let error = #expect(throws: ImageError.self) {
            try run(tampered, expected: Digest.compute(.sha256, of: data), size: nil)
        }
        #expect(error?.code == .digestMismatch)
        #expect(error?.subject == "layer 3")
    }

    @Test func shortBlobIsTruncated() {
        let error = #expect(throws: ImageError.self) {
            try run(Array(data.dropLast()), expected: Digest.compute(.sha256, of: data), size: data.count)
        }
        #expect(error?.code == .truncated)
    }

    @Test func longBlobStopsAtTheDeclaredSize() {
        let error = #expect(throws: ImageError.self) { try run(data + [1], expected: nil, size: data.count) }
        #expect(error?.code == .malformed)
    }

    @Test func parsesOnlyWellFormedDigests() {
        #expect(Digest("sha256:" + String(repeating: "a", count: 64)) != nil)
        #expect(Digest("sha256:" + String(repeating: "A", count: 64)) == nil)
        #expect(Digest("sha256:../../etc/passwd") == nil)
        #expect(Digest("sha256:" + String(repeating: "a", count: 63)) == nil)
        #expect(Digest("md5:" + String(repeating: "a", count: 32)) == nil)
        #expect(throws: ImageError.self) { try Digest.parse("sha384:abc", subject: "x") }
    }
}
