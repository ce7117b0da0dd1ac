/// Byte-string primitives used by the compiled matchers; none of them allocates.
enum Bytes {
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return a.count == 0 }
        var index = 0
        while index < a.count {
            if pa[index] != pb[index] { return false }
            index += 1
        }
        return true
    }

    static func hasPrefix(_ text: UnsafeBufferPointer<UInt8>, _ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= prefix.count else { return false }
        var index = 0
        while index < prefix.count {
            if text[index] != prefix[index] { return false }
            index += 1
        }
        return true
    }

    static func hasSuffix(_ text: UnsafeBufferPointer<UInt8>, _ suffix: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= suffix.count else { return false }
        let offset = text.count - suffix.count
        var index = 0
        while index < suffix.count {
            if text[offset + index] != suffix[index] { return false }
            index += 1
        }
        return true
    }

    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        if needle.isEmpty { return true }
        guard text.count >= needle.count, let base = text.baseAddress else { return false }
        let first = needle[0]
        var start = 0
        let last = text.count - needle.count
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let pattern = ones &* UInt64(first)
        while start <= last {
            if start + 8 <= last + 1 {
                // Eight candidate starts at once: the bytes equal to the needle's first byte are the zero bytes of
                // `word`. The lowest flagged byte of the classic zero-byte test is always a true zero (a borrow
                // only flags bytes above one), so the scan jumps straight to the first candidate.
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt64.self)) ^ pattern
                let zeros = (word &- ones) & ~word & (ones &<< 7)
                if zeros == 0 {
                    start += 8
                    continue
                }
                start += zeros.trailingZeroBitCount >> 3
            } else if text[start] != first {
                start += 1
                continue
            }
            var index = 1
            while index < needle.count, text[start + index] == needle[index] { index += 1 }
            if index == needle.count { return true }
            start += 1
        }
        return false
    }

    /// `contains` comparing `text` lower-cased (ASCII); `needle` must already be lower-case.
    static func containsLowercased(_ text: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        if needle.isEmpty { return true }
        guard text.count >= needle.count else { return false }
        var start = 0
        let last = text.count - needle.count
        while start <= last {
            var index = 0
            while index < needle.count, lower(text[start + index]) == needle[index] { index += 1 }
            if index == needle.count { return true }
            start += 1
        }
        return false
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        // Eight bytes at a time: one high bit set anywhere in the word is a non-ASCII byte.
        while index + 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        guard index < bytes.count else { return true }
        // The tail: the last eight bytes again (overlapping what was checked) when there are eight, else by byte.
        if bytes.count >= 8 {
            return raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        }
        while index < bytes.count {
            if base[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// The index of the last `byte` in `bytes`, or nil.
    static func lastIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = bytes.count - 1
        while index >= 0 {
            if bytes[index] == byte { return index }
            index -= 1
        }
        return nil
    }
}
