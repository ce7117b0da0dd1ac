import TestSupport
import Testing

@testable import RuleEngine

/// The word-at-a-time byte primitives agree with plain byte loops, at every length and alignment.
@Suite struct BytesTests {
    private static func naiveContains(_ text: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        guard text.count >= needle.count else { return false }
        for start in 0...(text.count - needle.count) where Array(text[start..<(start + needle.count)]) == needle {
            return true
        }
        return false
    }

    @Test func containsAgreesWithAByteLoop() {
        var random = SplitMix64(seed: 83)
        // A small alphabet (with a byte above 0x7F and one that differs from 'a' in the high bit) makes near misses
        // and matches at every offset likely.
        let alphabet: [UInt8] = [0x61, 0x62, 0x2F, 0xE1, 0x00]
        for _ in 0..<20_000 {
            let text = (0..<Int(random.next() % 40)).map { _ in random.pick(alphabet) }
            let needle = (0..<Int(random.next() % 5)).map { _ in random.pick(alphabet) }
            // Offsets into a larger buffer vary the alignment of the word loads.
            let offset = Int(random.next() % 8)
            let padded = [UInt8](repeating: 0x61, count: offset) + text
            let found = padded.withUnsafeBufferPointer { all in
                needle.withUnsafeBufferPointer { Bytes.contains(UnsafeBufferPointer(rebasing: all[offset...]), $0) }
            }
            #expect(found == Self.naiveContains(text, needle), "\(text) \(needle)")
        }
    }

    @Test func isASCIIAgreesWithAByteLoop() {
        var random = SplitMix64(seed: 89)
        for _ in 0..<20_000 {
            var text = (0..<Int(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next() % 0x80) }
            if random.oneIn(2), !text.isEmpty { text[Int(random.next() % UInt64(text.count))] |= 0x80 }
            let offset = Int(random.next() % 8)
            let padded = [UInt8](repeating: 0x20, count: offset) + text
            let ascii = padded.withUnsafeBufferPointer { Bytes.isASCII(UnsafeBufferPointer(rebasing: $0[offset...])) }
            #expect(ascii == text.allSatisfy { $0 < 0x80 }, "\(text)")
        }
    }

    @Test func smallAndHashedByteSetsAgree() {
        var random = SplitMix64(seed: 97)
        for size in 0...(ByteSet.linearLimit + 3) {
            for _ in 0..<200 {
                let members = (0..<size).map { _ in
                    (0..<Int(random.next() % 5)).map { _ in UInt8(truncatingIfNeeded: random.next() % 3 + 97) }
                }
                let set = ByteSet(members)
                for _ in 0..<20 {
                    let probe = (0..<Int(random.next() % 5)).map { _ in
                        UInt8(truncatingIfNeeded: random.next() % 3 + 97)
                    }
                    #expect(probe.withUnsafeBufferPointer { set.contains($0) } == members.contains(probe))
                }
            }
        }
    }
}
