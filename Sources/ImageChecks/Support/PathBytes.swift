/// Byte-level helpers for the per-entry path tests that run over every file of an image. The generic
/// `String`/`Substring` searches (`contains`, `hasSuffix` on substrings, hashing substrings) are Unicode-aware
/// and far too slow for hundreds of thousands of paths; paths are compared as UTF-8 bytes here.
enum PathBytes {
    /// Calls `body` with the UTF-8 bytes of `path` (without copying native strings).
    static func with<R>(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = path.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(path.utf8).withUnsafeBufferPointer(body)
    }

    /// Offset of the first occurrence of `needle` in `b`, or nil.
    static func firstOffset(of needle: [UInt8], in b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first else { return 0 }
        guard b.count >= needle.count else { return nil }
        var i = 0
        let last = b.count - needle.count
        while i <= last {
            if b[i] == first {
                var k = 1
                while k < needle.count, b[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    static func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard b.count >= prefix.count else { return false }
        for k in 0..<prefix.count where b[k] != prefix[k] { return false }
        return true
    }

    /// True when `b[..<end]` ends with `suffix`.
    static func hasSuffix(_ b: UnsafeBufferPointer<UInt8>, end: Int, _ suffix: [UInt8]) -> Bool {
        guard end <= b.count, end >= suffix.count else { return false }
        let start = end - suffix.count
        for k in 0..<suffix.count where b[start + k] != suffix[k] { return false }
        return true
    }

    /// Offset of the last `/`, or nil.
    static func lastSlash(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = b.count - 1
        while i >= 0 {
            if b[i] == UInt8(ascii: "/") { return i }
            i -= 1
        }
        return nil
    }

    /// True when `b[from..<b.count]` equals `name`.
    static func tailEquals(_ b: UnsafeBufferPointer<UInt8>, from: Int, _ name: [UInt8]) -> Bool {
        guard b.count - from == name.count else { return false }
        for k in 0..<name.count where b[from + k] != name[k] { return false }
        return true
    }
}
