import OCIImage

/// Reads a zip archive held in memory (osv.dev's per-ecosystem `all.zip`) through OCIImage's
/// ``ZipArchive``, one entry at a time, adding what a feed import needs: path and link checks,
/// size/ratio limits before anything is inflated, a CRC-32 check, and ``FeedError`` kinds.
struct ZipReader {
    let bytes: [UInt8]
    let path: String
    let limits: FeedLimits

    /// Calls `body` with every regular file of the archive, in central-directory order.
    func forEachDocument(_ body: (FeedDocument) throws(FeedError) -> Void) throws(FeedError) {
        let archive: ZipArchive
        do { archive = try ZipArchive(bytes) } catch { throw Self.feedError(error, path: path) }
        if archive.entries.count > limits.maximumEntries {
            throw FeedError(.tooLarge, path: path, reason: "archive has more than \(limits.maximumEntries) entries")
        }
        var total = 0
        for entry in archive.entries {
            let entryPath = "\(path)!/\(entry.name)"
            if let problem = ArchivePath.problem(entry.name) {
                throw FeedError(.unsafePath, path: entryPath, reason: problem)
            }
            if entry.isSymbolicLink {
                throw FeedError(.unsafePath, path: entryPath, reason: "symbolic link entries are not allowed")
            }
            if entry.isDirectory { continue }
            try checkSizes(entry, path: entryPath, total: &total)
            let content: [UInt8]
            do { content = try archive.contents(of: entry, limit: limits.maximumEntrySize) } catch {
                throw Self.feedError(error, path: entryPath)
            }
            let actual = CRC32.checksum(content)
            guard actual == entry.crc32 else {
                throw FeedError(
                    .malformed,
                    path: entryPath,
                    reason: "CRC-32 mismatch (stored \(Self.hex(entry.crc32)), computed \(Self.hex(actual)))"
                )
            }
            try body(FeedDocument(path: "\(path)!/\(ArchivePath.cleaned(entry.name))", bytes: content))
        }
    }

    /// Refuses an entry by its declared sizes before inflating it.
    private func checkSizes(_ entry: ZipArchive.Entry, path: String, total: inout Int) throws(FeedError) {
        let size = Int(clamping: entry.uncompressedSize)
        if size > limits.maximumEntrySize {
            throw FeedError(
                .decompressionBomb,
                path: path,
                reason: "entry expands to \(size) bytes, over the \(limits.maximumEntrySize) limit"
            )
        }
        total += size
        if total > limits.maximumTotalSize {
            throw FeedError(
                .decompressionBomb,
                path: path,
                reason: "archive expands to more than \(limits.maximumTotalSize) bytes"
            )
        }
        let ratio = size / max(Int(clamping: entry.compressedSize), 1)
        if size > limits.ratioThreshold, ratio > limits.maximumRatio {
            throw FeedError(
                .decompressionBomb,
                path: path,
                reason: "entry expands \(ratio):1, over the \(limits.maximumRatio):1 limit"
            )
        }
    }

    static func feedError(_ failure: ZipArchive.Failure, path: String) -> FeedError {
        switch failure.kind {
        case .malformed: FeedError(.malformed, path: path, reason: failure.reason)
        case .truncated: FeedError(.truncated, path: path, reason: failure.reason)
        case .tooLarge: FeedError(.decompressionBomb, path: path, reason: failure.reason)
        case .unsupported: FeedError(.unsupported, path: path, reason: failure.reason)
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
