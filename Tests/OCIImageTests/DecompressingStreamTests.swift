import OCIImage
import TestSupport
import Testing

struct DecompressingStreamTests {
    private let sample: [UInt8] = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) }

    private func decompress(_ blob: [UInt8], limits: ImageReadLimits = ImageReadLimits()) throws(ImageError) -> [UInt8]
    {
        var stream = DecompressingStream(ChunkedStream(blob), limits: limits, subject: "layer 0")
        return try TestCodec.drain(&stream, chunk: 1000)
    }

    @Test func passesUncompressedBytesThrough() throws {
        #expect(try decompress(sample) == sample)
        #expect(try decompress([]) == [])
        #expect(try decompress([1, 2]) == [1, 2])
    }

    @Test func inflatesGzip() throws {
        #expect(try decompress(TestCodec.gzip(sample)) == sample)
        #expect(try decompress(TestCodec.gzip([])) == [])
    }

    @Test func inflatesEveryMemberOfMultiMemberGzip() throws {
        let a = Array(sample[0..<1000]), b = Array(sample[1000..<200_000]), c = Array(sample[200_000...])
        let blob = TestCodec.gzip(a) + TestCodec.gzip(b, level: 1) + TestCodec.gzip(c, level: 9)
        #expect(try decompress(blob) == sample)
    }

    @Test func toleratesZeroPaddingAfterGzip() throws {
        #expect(try decompress(TestCodec.gzip(sample) + [0, 0, 0, 0]) == sample)
    }

    @Test func rejectsGarbageAfterGzip() {
        #expect(throws: ImageError.self) { try decompress(TestCodec.gzip(sample) + [1, 2, 3]) }
    }

    @Test func decodesZstdIncludingConcatenatedFrames() throws {
        #expect(try decompress(TestCodec.zstd(sample)) == sample)
        let blob = TestCodec.zstd(Array(sample[0..<5000])) + TestCodec.zstd(Array(sample[5000...]))
        #expect(try decompress(blob) == sample)
    }

    @Test func detectsFormatFromMagicBytes() throws {
        var stream = DecompressingStream(MemoryByteStream(TestCodec.zstd(sample)), subject: "l")
        _ = try TestCodec.drain(&stream)
        #expect(stream.format == .zstd)
        var gz = DecompressingStream(MemoryByteStream(TestCodec.gzip(sample)), subject: "l")
        _ = try TestCodec.drain(&gz)
        #expect(gz.format == .gzip)
        #expect(gz.uncompressedBytes == sample.count)
    }

    @Test func truncatedGzipIsTruncatedNamingTheLayer() {
        let blob = TestCodec.gzip(sample)
        for cut in [10, blob.count / 2, blob.count - 4] {
            let error = #expect(throws: ImageError.self) { try decompress(Array(blob[0..<cut])) }
            #expect(error?.code == .truncated, "cut at \(cut): \(String(describing: error))")
            #expect(error?.subject == "layer 0")
        }
    }

    @Test func truncatedZstdIsTruncated() {
        let blob = TestCodec.zstd(sample)
        let error = #expect(throws: ImageError.self) { try decompress(Array(blob[0..<(blob.count / 2)])) }
        #expect(error?.code == .truncated)
    }

    @Test func corruptGzipIsMalformed() {
        var blob = TestCodec.gzip(sample)
        for i in 20..<60 { blob[i] ^= 0x5A }
        let error = #expect(throws: ImageError.self) { try decompress(blob) }
        #expect(error?.code == .malformed || error?.code == .truncated)
    }

    @Test func refusesXzAndBzip2() {
        let xz: [UInt8] = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 1, 2]
        #expect(throws: ImageError.self) { try decompress(xz) }
        #expect(throws: ImageError.self) { try decompress(Array("BZh91AY".utf8)) }
    }

    @Test func expansionRatioGuardStopsABomb() {
        let zeros = [UInt8](repeating: 0, count: 8 << 20)
        let limits = ImageReadLimits(maximumExpansionRatio: 50, expansionCheckThreshold: 1 << 20)
        for blob in [TestCodec.gzip(zeros), TestCodec.zstd(zeros)] {
            let error = #expect(throws: ImageError.self) { try decompress(blob, limits: limits) }
            #expect(error?.code == .decompressionBomb)
            #expect(error?.subject == "layer 0")
        }
    }

    @Test func maximumSizeGuardStopsLargeOutput() {
        let zeros = [UInt8](repeating: 0, count: 2 << 20)
        let limits = ImageReadLimits(maximumLayerSize: 1 << 20)
        let error = #expect(throws: ImageError.self) { try decompress(TestCodec.gzip(zeros), limits: limits) }
        #expect(error?.code == .decompressionBomb)
        let plain = #expect(throws: ImageError.self) { try decompress(zeros, limits: limits) }
        #expect(plain?.code == .tooLarge)
    }

    /// Random truncations and byte flips of gzip and zstd blobs never crash: they decode or throw.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomMutationsNeverCrash(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let text = Array((0..<2000).map { "line \($0) of some layer content\n" }.joined().utf8)
        let blobs = [TestCodec.gzip(text), TestCodec.zstd(text), TestCodec.gzip(text) + TestCodec.gzip(text)]
        for _ in 0..<150 {
            var blob = blobs[Int.random(in: 0..<blobs.count, using: &rng)]
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: blob = Array(blob[0..<Int.random(in: 0...blob.count, using: &rng)])
            case 1:
                for _ in 0..<Int.random(in: 1...8, using: &rng) {
                    blob[Int.random(in: 0..<blob.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            default:
                blob.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...blob.count, using: &rng))
            }
            do {
                _ = try decompress(blob, limits: ImageReadLimits(maximumLayerSize: 1 << 20))
            } catch {
                #expect(!error.subject.isEmpty)
            }
        }
    }
}
