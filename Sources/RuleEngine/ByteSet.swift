/// A set of byte strings, hashed once at compile time, whose membership test allocates nothing.
///
/// Open addressing over a power-of-two table with FNV-1a hashes; the members live in one contiguous buffer.
struct ByteSet: Sendable {
    private var storage: [UInt8] = []
    /// (start, count) of each member in `storage`.
    private var spans: [(start: Int, count: Int)] = []
    /// Member index + 1 per slot, 0 when empty.
    private var slots: [Int32]
    private var hashes: [UInt64]
    private let mask: Int
    /// Bit `n` set when a member is `n` bytes long (n < 64); most texts are rejected by their length alone.
    private var shortLengths: UInt64 = 0
    /// True when a member is 64 bytes long or more.
    private var hasLongMember = false

    /// The members.
    init(_ members: some Sequence<[UInt8]>) {
        var unique: [[UInt8]] = []
        var seen: Set<[UInt8]> = []
        for member in members where seen.insert(member).inserted { unique.append(member) }
        var size = 8
        while size < unique.count * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        hashes = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for member in unique {
            let start = storage.count
            storage += member
            spans.append((start, member.count))
            if member.count < 64 { shortLengths |= 1 << UInt64(member.count) } else { hasLongMember = true }
            let hash = member.withUnsafeBufferPointer { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(spans.count)
            hashes[slot] = hash
        }
    }

    /// The number of members.
    var count: Int { spans.count }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        // Whole words, each mixed by a multiply and a rotation: a text shorter than a word is one word, a longer
        // one ends with its last eight bytes (overlapping the previous word).
        let count = bytes.count
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(count)
        guard let base = bytes.baseAddress, count > 0 else { return hash }
        @inline(__always) func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash = (hash << 29) | (hash >> 35)
        }
        if count < 8 {
            var word: UInt64 = 0
            for index in 0..<count { word |= UInt64(base[index]) << UInt64(index << 3) }
            mix(word)
        } else {
            let raw = UnsafeRawPointer(base)
            var index = 0
            while index + 8 <= count {
                mix(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            if index < count { mix(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) }
        }
        return hash ^ (hash >> 29)
    }

    static let linearLimit = 4

    /// True when `bytes` is a member.
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.count < 64 {
            guard shortLengths & (1 << UInt64(bytes.count)) != 0 else { return false }
        } else if !hasLongMember {
            return false
        }
        if spans.count <= Self.linearLimit {
            return spans.withUnsafeBufferPointer { spans in
                storage.withUnsafeBufferPointer { memberBytes in
                    for span in spans where span.count == bytes.count {
                        if span.count == 0
                            || Bytes.equal(
                                UnsafeBufferPointer(rebasing: memberBytes[span.start..<(span.start + span.count)]),
                                bytes
                            )
                        {
                            return true
                        }
                    }
                    return false
                }
            }
        }
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slotBuffer in
            hashes.withUnsafeBufferPointer { hashBuffer in
                storage.withUnsafeBufferPointer { memberBytes in
                    while true {
                        let entry = Int(slotBuffer[slot])
                        if entry == 0 { return false }
                        if hashBuffer[slot] == hash {
                            let span = spans[entry - 1]
                            if span.count == bytes.count
                                && (span.count == 0
                                    || Bytes.equal(
                                        UnsafeBufferPointer(
                                            rebasing: memberBytes[span.start..<(span.start + span.count)]
                                        ),
                                        bytes
                                    ))
                            {
                                return true
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }
}
