internal import CZlib

/// CRC-32 (zlib's), for checking zip entries.
enum CRC32 {
    /// The CRC-32 of `bytes` (at most 4 GiB; feed entries are far smaller).
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: CZlib.crc32(0, buffer.baseAddress, UInt32(truncatingIfNeeded: buffer.count)))
        }
    }
}
