/// Bounds-checked integer reads and small byte helpers shared by the OS catalogers' binary parsers.
///
/// Every read returns nil instead of trapping when it would run past the end, so hostile databases
/// become diagnostics rather than crashes.
enum OSBinary {
    /// The 16-bit integer at `offset`, or nil when out of bounds.
    static func u16(_ bytes: [UInt8], _ offset: Int, bigEndian: Bool) -> UInt16? {
        guard offset >= 0, offset <= bytes.count - 2 else { return nil }
        let a = UInt16(bytes[offset])
        let b = UInt16(bytes[offset + 1])
        return bigEndian ? a << 8 | b : b << 8 | a
    }

    /// The 32-bit integer at `offset`, or nil when out of bounds.
    static func u32(_ bytes: [UInt8], _ offset: Int, bigEndian: Bool) -> UInt32? {
        guard offset >= 0, offset <= bytes.count - 4 else { return nil }
        let a = UInt32(bytes[offset])
        let b = UInt32(bytes[offset + 1])
        let c = UInt32(bytes[offset + 2])
        let d = UInt32(bytes[offset + 3])
        return bigEndian ? a << 24 | b << 16 | c << 8 | d : d << 24 | c << 16 | b << 8 | a
    }

    /// True when `bytes` starts with `prefix`.
    static func hasPrefix(_ bytes: [UInt8], _ prefix: [UInt8]) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        for i in 0..<prefix.count where bytes[i] != prefix[i] { return false }
        return true
    }

    /// The string made of `bytes[start..<end]` (invalid UTF-8 repaired).
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        guard start < end else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// True for ASCII space and horizontal tab.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// True when `bytes[start..<end]` equals the ASCII `literal`, ignoring ASCII case.
    static func equalsIgnoringCase(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ start: Int,
        _ end: Int,
        _ literal: StaticString
    )
        -> Bool
    {
        guard end - start == literal.utf8CodeUnitCount else { return false }
        let lit = literal.utf8Start
        for i in 0..<(end - start) {
            var a = bytes[start + i]
            var b = lit[i]
            if a >= 0x41 && a <= 0x5A { a |= 0x20 }
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if a != b { return false }
        }
        return true
    }
}
