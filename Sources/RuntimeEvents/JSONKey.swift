/// An object key packed into integers for matching without creating a `String`: the first 16 bytes of the
/// key (after escapes are decoded), little-endian, zero-padded, and the key's length in bytes.
struct JSONKey: Hashable {
    /// Bytes 0–7.
    var low: UInt64 = 0
    /// Bytes 8–15.
    var high: UInt64 = 0
    /// Length in bytes; keys longer than 16 bytes match no known member.
    var count = 0

    /// The empty key.
    init() {}

    /// Packs `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        count = bytes.count
        guard count <= 16 else { return }
        var i = 0
        while i < count, i < 8 {
            low |= UInt64(bytes[i]) << (8 * UInt64(i))
            i += 1
        }
        while i < count {
            high |= UInt64(bytes[i]) << (8 * UInt64(i - 8))
            i += 1
        }
    }
}
