/// A small reader of zip archives held in memory (osv.dev's per-ecosystem `all.zip`): reads the
/// central directory, then inflates one entry at a time (stored or deflate), checking each CRC-32.
/// ZIP64, encryption and other compression methods are refused as ``FeedError/Kind/unsupported``.
struct ZipReader {
    /// One central-directory record.
    struct Entry {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
        var isSymlink: Bool
        var isDirectory: Bool { name.hasSuffix("/") }
    }

    let bytes: [UInt8]
    let path: String
    let limits: FeedLimits

    /// Calls `body` with every regular file of the archive, in central-directory order.
    func forEachDocument(_ body: (FeedDocument) throws(FeedError) -> Void) throws(FeedError) {
        let entries = try centralDirectory()
        var total = 0
        for entry in entries {
            let entryPath = "\(path)!/\(entry.name)"
            if let problem = ArchivePath.problem(entry.name) {
                throw FeedError(.unsafePath, path: entryPath, reason: problem)
            }
            if entry.isSymlink {
                throw FeedError(.unsafePath, path: entryPath, reason: "symbolic link entries are not allowed")
            }
            if entry.isDirectory { continue }
            try checkSizes(entry, path: entryPath, total: &total)
            let content = try read(entry, path: entryPath)
            try body(FeedDocument(path: "\(path)!/\(ArchivePath.cleaned(entry.name))", bytes: content))
        }
    }

    private func checkSizes(_ entry: Entry, path: String, total: inout Int) throws(FeedError) {
        if entry.uncompressedSize > limits.maximumEntrySize {
            throw FeedError(
                .decompressionBomb,
                path: path,
                reason: "entry expands to \(entry.uncompressedSize) bytes, over the \(limits.maximumEntrySize) limit"
            )
        }
        total += entry.uncompressedSize
        if total > limits.maximumTotalSize {
            throw FeedError(
                .decompressionBomb,
                path: path,
                reason: "archive expands to more than \(limits.maximumTotalSize) bytes"
            )
        }
        if entry.uncompressedSize > limits.ratioThreshold,
            entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maximumRatio
        {
            throw FeedError(
                .decompressionBomb,
                path: path,
                reason:
                    "entry expands \(entry.uncompressedSize / max(entry.compressedSize, 1)):1, over the \(limits.maximumRatio):1 limit"
            )
        }
    }

    private func read(_ entry: Entry, path: String) throws(FeedError) -> [UInt8] {
        if entry.flags & 1 != 0 { throw FeedError(.unsupported, path: path, reason: "encrypted zip entries") }
        let local = entry.localHeaderOffset
        guard local + 30 <= bytes.count else {
            throw FeedError(.truncated, path: path, reason: "archive ends before the entry's local header")
        }
        guard u32(local) == 0x0403_4B50 else {
            throw FeedError(.malformed, path: path, reason: "no local file header at offset \(local)")
        }
        let start = local + 30 + Int(u16(local + 26)) + Int(u16(local + 28))
        let (end, overflow) = start.addingReportingOverflow(entry.compressedSize)
        guard !overflow, end <= bytes.count else {
            throw FeedError(.truncated, path: path, reason: "archive ends inside the entry's data")
        }
        let data = bytes[start..<end]
        let content: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw FeedError(.malformed, path: path, reason: "stored entry with different sizes")
            }
            content = Array(data)
        case 8:
            content = try RawInflater.inflate(data, expectedSize: entry.uncompressedSize, path: path)
        default:
            throw FeedError(.unsupported, path: path, reason: "compression method \(entry.method)")
        }
        let actual = RawInflater.crc32(content)
        guard actual == entry.crc else {
            throw FeedError(
                .malformed,
                path: path,
                reason: "CRC-32 mismatch (stored \(hex(entry.crc)), computed \(hex(actual)))"
            )
        }
        return content
    }

    // MARK: - Central directory

    private func centralDirectory() throws(FeedError) -> [Entry] {
        guard let eocd = endOfCentralDirectory() else {
            if bytes.count >= 4, u32(0) == 0x0403_4B50 {
                throw FeedError(.truncated, path: path, reason: "zip archive has no end-of-central-directory record")
            }
            throw FeedError(.malformed, path: path, reason: "not a zip archive (no end-of-central-directory record)")
        }
        let count = Int(u16(eocd + 10))
        let size = Int(u32(eocd + 12))
        let offset = Int(u32(eocd + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF
            || (eocd >= 20 && u32(eocd - 20) == 0x0706_4B50)
        {
            throw FeedError(.unsupported, path: path, reason: "ZIP64 archives are not supported")
        }
        if u16(eocd + 4) != 0 || u16(eocd + 6) != 0 {
            throw FeedError(.unsupported, path: path, reason: "multi-disk zip archives are not supported")
        }
        guard offset + size <= eocd else {
            throw FeedError(.truncated, path: path, reason: "central directory lies outside the archive")
        }
        if count > limits.maximumEntries {
            throw FeedError(.tooLarge, path: path, reason: "archive has more than \(limits.maximumEntries) entries")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var cursor = offset
        for index in 0..<count {
            guard cursor + 46 <= offset + size, u32(cursor) == 0x0201_4B50 else {
                throw FeedError(.malformed, path: path, reason: "central directory record \(index) is damaged")
            }
            let nameLength = Int(u16(cursor + 28))
            let extraLength = Int(u16(cursor + 30))
            let commentLength = Int(u16(cursor + 32))
            let next = cursor + 46 + nameLength + extraLength + commentLength
            guard next <= offset + size else {
                throw FeedError(.malformed, path: path, reason: "central directory record \(index) overruns")
            }
            let compressed = Int(u32(cursor + 20))
            let uncompressed = Int(u32(cursor + 24))
            let local = Int(u32(cursor + 42))
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                throw FeedError(.unsupported, path: path, reason: "ZIP64 entries are not supported")
            }
            let madeBy = u16(cursor + 4) >> 8
            let external = u32(cursor + 38)
            let isSymlink = madeBy == 3 && (external >> 16) & 0o170000 == 0o120000
            entries.append(
                Entry(
                    name: String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self),
                    method: u16(cursor + 10),
                    flags: u16(cursor + 8),
                    crc: u32(cursor + 16),
                    compressedSize: compressed,
                    uncompressedSize: uncompressed,
                    localHeaderOffset: local,
                    isSymlink: isSymlink
                )
            )
            cursor = next
        }
        return entries
    }

    /// Offset of the end-of-central-directory record, searched backwards over the comment.
    private func endOfCentralDirectory() -> Int? {
        guard bytes.count >= 22 else { return nil }
        var candidate = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while candidate >= lowest {
            if bytes[candidate] == 0x50, u32(candidate) == 0x0605_4B50,
                candidate + 22 + Int(u16(candidate + 20)) == bytes.count
            {
                return candidate
            }
            candidate -= 1
        }
        return nil
    }

    private func u16(_ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private func u32(_ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
