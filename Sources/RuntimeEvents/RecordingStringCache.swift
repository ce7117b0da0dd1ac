/// Recently made strings of 16–64 bytes, looked up by their bytes, so that the values a recording repeats on
/// every line (executable paths, file names, flag names, container images) are allocated once and shared by
/// the events instead of being made again for each. Direct-mapped and bounded: a slot holds the last string
/// whose bytes hashed to it.
///
/// Strings of up to 15 bytes are not cached: Swift stores them inline, without an allocation.
struct RecordingStringCache: Sendable {
    private static let slotCount = 1_024
    private var slots: [String?] = []

    /// The string of `bytes`, which must be valid UTF-8.
    @inline(__always)
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let count = bytes.count
        guard count > 15, count <= 64 else { return String(decoding: bytes, as: UTF8.self) }
        return cachedString(bytes)
    }

    private mutating func cachedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if slots.isEmpty { slots = Array(repeating: nil, count: Self.slotCount) }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let slot = Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & UInt64(Self.slotCount - 1))
        if var cached = slots[slot], cached.utf8.count == bytes.count {
            let same = cached.withUTF8 { utf8 in
                var i = 0
                while i < utf8.count, utf8[i] == bytes[i] { i += 1 }
                return i == utf8.count
            }
            if same { return cached }
        }
        let made = String(decoding: bytes, as: UTF8.self)
        slots[slot] = made
        return made
    }
}
