/// A bounds-checked ZIP reader over bytes in memory: the central directory (with ZIP64 sizes, offsets
/// and counts, and archives with data prepended, like self-executing jars), and entry contents for the
/// stored and deflate methods. Every size is checked against the file and a caller's limit, so hostile
/// archives (zip bombs, overlapping or out-of-range entries) give a ``Failure``, never a trap.
public struct ZipArchive {
    /// Why an archive or entry could not be read.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        /// The class of problem, for callers that report it with distinct codes.
        public enum Kind: Sendable, Equatable {
            /// Inconsistent or damaged structures.
            case malformed
            /// The archive or an entry's data ends early.
            case truncated
            /// An entry expands beyond the caller's limit (a likely compression bomb).
            case tooLarge
            /// Encryption or a compression method other than stored/deflate.
            case unsupported
        }

        public var kind: Kind = .malformed
        public var reason: String
        public var description: String { reason }

        public init(_ kind: Kind = .malformed, reason: String) {
            self.kind = kind
            self.reason = reason
        }
    }

    /// One central-directory entry.
    public struct Entry: Equatable {
        public var name: String
        public var method: UInt16
        public var flags: UInt16
        public var compressedSize: UInt64
        public var uncompressedSize: UInt64
        public var localHeaderOffset: UInt64
        /// CRC-32 of the uncompressed content, as recorded in the central directory.
        public var crc32: UInt32 = 0
        /// True for symbolic links recorded by a Unix zip (mode `S_IFLNK` in the external attributes).
        public var isSymbolicLink = false

        public var isDirectory: Bool { name.hasSuffix("/") }
        public var isEncrypted: Bool { flags & 1 != 0 }
    }

    /// Most entries read from one central directory.
    public static let maximumEntries = 1 << 20

    public let bytes: [UInt8]
    public private(set) var entries: [Entry] = []
    /// Bytes before the archive proper (a launcher script), added to every offset.
    private var prefix: UInt64 = 0

    public init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        guard let eocd = Self.findEndOfCentralDirectory(bytes) else {
            // A local file header at the start but no end record: the archive was cut short.
            let truncated = bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 3 && bytes[3] == 4
            throw Failure(
                truncated ? .truncated : .malformed,
                reason: truncated
                    ? "zip archive has no end-of-central-directory record (truncated)"
                    : "no end of central directory record (not a ZIP archive)"
            )
        }
        var count = UInt64(u16(eocd + 10) ?? 0)
        var directorySize = UInt64(u32(eocd + 12) ?? 0)
        var directoryOffset = UInt64(u32(eocd + 16) ?? 0)
        var directoryEnd = UInt64(eocd)
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator sits just before the end record and points at the ZIP64 end record.
            let locator = eocd - 20
            if locator >= 0, u32(locator) == 0x0706_4B50, let recordOffset = u64(locator + 8),
                let record = Int(exactly: recordOffset), u32(record) == 0x0606_4B50,
                let c = u64(record + 32), let s = u64(record + 40), let o = u64(record + 48)
            {
                count = c
                directorySize = s
                directoryOffset = o
                directoryEnd = UInt64(record)
            } else {
                throw Failure(reason: "end record says ZIP64 but there is no ZIP64 end record")
            }
        }
        guard directorySize <= directoryEnd else { throw Failure(reason: "central directory larger than the file") }
        let actualStart = directoryEnd - directorySize
        guard actualStart >= directoryOffset else { throw Failure(reason: "central directory offset out of range") }
        prefix = actualStart - directoryOffset
        guard let start = Int(exactly: actualStart) else {
            throw Failure(reason: "central directory offset out of range")
        }
        let end = start + Int(directorySize)
        let maxCount = min(count, UInt64(Self.maximumEntries), directorySize / 46 + 1)
        var cursor = start
        entries.reserveCapacity(Int(min(maxCount, 65536)))
        while UInt64(entries.count) < maxCount, cursor + 46 <= end {
            guard u32(cursor) == 0x0201_4B50, let flags = u16(cursor + 8), let method = u16(cursor + 10),
                let compressed32 = u32(cursor + 20), let uncompressed32 = u32(cursor + 24),
                let nameLength = u16(cursor + 28), let extraLength = u16(cursor + 30),
                let commentLength = u16(cursor + 32), let offset32 = u32(cursor + 42)
            else { throw Failure(reason: "corrupt central directory entry \(entries.count)") }
            let nameStart = cursor + 46
            let extraStart = nameStart + Int(nameLength)
            let next = extraStart + Int(extraLength) + Int(commentLength)
            guard next <= end else {
                throw Failure(.truncated, reason: "central directory entry \(entries.count) is truncated")
            }
            var compressed = UInt64(compressed32)
            var uncompressed = UInt64(uncompressed32)
            var offset = UInt64(offset32)
            // ZIP64 extended information: present fields follow in a fixed order.
            var extra = extraStart
            while extra + 4 <= extraStart + Int(extraLength) {
                guard let id = u16(extra), let size = u16(extra + 2) else { break }
                let data = extra + 4
                if id == 0x0001 {
                    var field = data
                    if uncompressed32 == 0xFFFF_FFFF, field + 8 <= data + Int(size), let v = u64(field) {
                        uncompressed = v
                        field += 8
                    }
                    if compressed32 == 0xFFFF_FFFF, field + 8 <= data + Int(size), let v = u64(field) {
                        compressed = v
                        field += 8
                    }
                    if offset32 == 0xFFFF_FFFF, field + 8 <= data + Int(size), let v = u64(field) { offset = v }
                }
                extra = data + Int(size)
            }
            let name = String(decoding: bytes[nameStart..<extraStart], as: UTF8.self)
            let madeByUnix = (u16(cursor + 4) ?? 0) >> 8 == 3
            let mode = (u32(cursor + 38) ?? 0) >> 16
            entries.append(
                Entry(
                    name: name,
                    method: method,
                    flags: flags,
                    compressedSize: compressed,
                    uncompressedSize: uncompressed,
                    localHeaderOffset: offset,
                    crc32: u32(cursor + 16) ?? 0,
                    isSymbolicLink: madeByUnix && mode & 0o170000 == 0o120000
                )
            )
            cursor = next
        }
    }

    /// The end-of-central-directory record: searched backwards over the last 64 KiB + 22 bytes.
    private static func findEndOfCentralDirectory(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var i = bytes.count - 22
        while i >= lowest {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x05, bytes[i + 3] == 0x06 {
                let commentLength = Int(bytes[i + 20]) | Int(bytes[i + 21]) << 8
                if i + 22 + commentLength <= bytes.count { return i }
            }
            i -= 1
        }
        return nil
    }

    private func u16(_ at: Int) -> UInt16? {
        guard at >= 0, at + 2 <= bytes.count else { return nil }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private func u32(_ at: Int) -> UInt32? {
        guard at >= 0, at + 4 <= bytes.count else { return nil }
        return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3])
            << 24
    }

    private func u64(_ at: Int) -> UInt64? {
        guard let low = u32(at), let high = u32(at + 4) else { return nil }
        return UInt64(low) | UInt64(high) << 32
    }

    /// The uncompressed content of `entry`, at most `limit` bytes.
    public func contents(of entry: Entry, limit: Int) throws(Failure) -> [UInt8] {
        guard !entry.isEncrypted else { throw Failure(.unsupported, reason: "\(entry.name): encrypted entry") }
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw Failure(
                .tooLarge,
                reason: "\(entry.name): \(entry.uncompressedSize) bytes is over the \(limit)-byte limit"
            )
        }
        let (headerOffset, overflow) = entry.localHeaderOffset.addingReportingOverflow(prefix)
        guard !overflow, let header = Int(exactly: headerOffset), u32(header) == 0x0403_4B50,
            let nameLength = u16(header + 26), let extraLength = u16(header + 28)
        else { throw Failure(reason: "\(entry.name): bad local header") }
        let start = header + 30 + Int(nameLength) + Int(extraLength)
        guard let size = Int(exactly: entry.compressedSize), start <= bytes.count, size <= bytes.count - start else {
            throw Failure(.truncated, reason: "\(entry.name): data lies outside the archive")
        }
        let data = bytes[start..<(start + size)]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw Failure(reason: "\(entry.name): stored entry with mismatched sizes")
            }
            return Array(data)
        case 8:
            do {
                let out = try Inflater.inflate(
                    data,
                    framing: .raw,
                    limit: Int(entry.uncompressedSize),
                    expectedSize: Int(entry.uncompressedSize)
                )
                return out
            } catch {
                let kind: Failure.Kind
                switch error {
                case .tooLarge: kind = .tooLarge
                case .truncated: kind = .truncated
                case .corrupt: kind = .malformed
                }
                throw Failure(kind, reason: "\(entry.name): \(error)")
            }
        default:
            throw Failure(.unsupported, reason: "\(entry.name): unsupported compression method \(entry.method)")
        }
    }
}
