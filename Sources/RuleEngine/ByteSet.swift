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
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash ^ (hash >> 29)
    }

    /// Up to this many members are compared one by one (length first) instead of hashing the text: most texts
    /// differ from a small set in length alone.
    static let linearLimit = 4

    /// True when `bytes` is a member.
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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
