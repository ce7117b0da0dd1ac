/// Objects decoded recently, kept with their exact bytes: a process's events repeat the same `thread` object
/// line after line, and the same argument objects (`{"flags":["O_RDONLY","O_CLOEXEC"],"raw":524288}`); an
/// object with the same bytes at the same place decodes to the same value (its syntax was checked when it was
/// first decoded), so it is compared, not decoded again. Direct-mapped by the hash of the object's first bytes
/// and bounded (64 objects of at most 4 KiB); only objects that decoded without a problem are kept.
struct RecordingObjectCache<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var bytes: [UInt8]
        var value: Value
    }

    private static var slotCount: Int { 64 }
    private static var hashedBytes: Int { 48 }
    private static var largestObject: Int { 4_096 }
    private var slots: [Entry?] = []

    /// The slot of the object that starts (at its `{`) at `start`.
    static func slot(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var i = start
        let end = min(bytes.count, start + hashedBytes)
        while i < end {
            hash = (hash ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3
            i += 1
        }
        return Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & UInt64(slotCount - 1))
    }

    /// The value kept in `slot` when `bytes` holds its object at `start`, and the object's length.
    func value(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, slot: Int) -> (Value, Int)? {
        guard slot < slots.count, let entry = slots[slot], let base = bytes.baseAddress else { return nil }
        let count = entry.bytes.count
        guard start + count <= bytes.count else { return nil }
        let same = entry.bytes.withUnsafeBufferPointer { kept -> Bool in
            guard let keptBase = kept.baseAddress else { return false }
            let a = UnsafeRawPointer(base + start)
            let b = UnsafeRawPointer(keptBase)
            var i = 0
            while i + 8 <= count {
                if a.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    != b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                {
                    return false
                }
                i += 8
            }
            while i < count {
                if kept[i] != bytes[start + i] { return false }
                i += 1
            }
            return true
        }
        return same ? (entry.value, count) : nil
    }

    /// Keeps `value`, decoded without a problem from the object at `start..<end`.
    mutating func keep(
        _ value: Value,
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        to end: Int,
        slot: Int
    ) {
        guard end - start <= Self.largestObject, slot < Self.slotCount else { return }
        if slots.isEmpty { slots = Array(repeating: nil, count: Self.slotCount) }
        slots[slot] = Entry(bytes: Array(bytes[start..<end]), value: value)
    }
}
