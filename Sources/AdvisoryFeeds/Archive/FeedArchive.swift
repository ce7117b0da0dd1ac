internal import OCIImage

/// Enumerates the documents of a feed delivered as bytes: a zip (osv.dev's `all.zip`), a tar or
/// tar.gz (GitHub repository snapshots), a single gzip-compressed file, or a plain file.
///
/// Documents are handed to the caller one at a time, so a large archive is never expanded at once.
/// Member paths that would escape the archive (`../`, absolute, backslashes) and symbolic links are
/// ``FeedError/Kind/unsafePath``; expansion beyond ``FeedLimits`` is
/// ``FeedError/Kind/decompressionBomb``; an archive that ends early is ``FeedError/Kind/truncated``.
/// Document paths are `archive!/member` (or the file's own path for a plain or gzip file).
public enum FeedArchive {
    /// Calls `body` with each document in `bytes`, the content of the file at `path`.
    public static func documents(
        in bytes: [UInt8],
        path: String,
        limits: FeedLimits = FeedLimits(),
        _ body: (FeedDocument) throws(FeedError) -> Void
    ) throws(FeedError) {
        if bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B,
            (bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6)
        {
            try ZipReader(bytes: bytes, path: path, limits: limits).forEachDocument(body)
            return
        }
        if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B {
            try readCompressed(bytes, path: path, limits: limits, body)
            return
        }
        if looksLikeTar(bytes) {
            try readTar(MemoryByteStream(bytes), path: path, limits: limits, body)
            return
        }
        if bytes.count > limits.maximumEntrySize {
            throw FeedError(.tooLarge, path: path, reason: "file is larger than \(limits.maximumEntrySize) bytes")
        }
        try body(FeedDocument(path: path, bytes: bytes))
    }

    /// True when a 512-byte tar header with the `ustar` magic (POSIX or GNU) starts `bytes`.
    static func looksLikeTar(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 512 else { return false }
        return Array(bytes[257..<262]) == Array("ustar".utf8)
    }

    private static func readCompressed(
        _ bytes: [UInt8],
        path: String,
        limits: FeedLimits,
        _ body: (FeedDocument) throws(FeedError) -> Void
    ) throws(FeedError) {
        let imageLimits = ImageReadLimits(
            maximumLayerSize: limits.maximumTotalSize,
            maximumExpansionRatio: limits.maximumRatio,
            expansionCheckThreshold: max(limits.ratioThreshold, 1)
        )
        var stream = PeekingByteStream(
            DecompressingStream(MemoryByteStream(bytes), limits: imageLimits, subject: path)
        )
        let head: [UInt8]
        do { head = try stream.peek(512) } catch { throw feedError(error, path: path) }
        if looksLikeTar(head) {
            try readTar(stream, path: path, limits: limits, body)
            return
        }
        var content: [UInt8] = []
        do {
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            while true {
                let n = try chunk.withUnsafeMutableBytes { (buffer) throws(ImageError) -> Int in
                    try stream.read(into: buffer)
                }
                if n == 0 { break }
                content.append(contentsOf: chunk[0..<n])
                if content.count > limits.maximumEntrySize {
                    throw FeedError(
                        .decompressionBomb,
                        path: path,
                        reason: "file expands to more than \(limits.maximumEntrySize) bytes"
                    )
                }
            }
        } catch let error as FeedError {
            throw error
        } catch let error as ImageError {
            throw feedError(error, path: path)
        } catch {
            throw FeedError(.malformed, path: path, reason: "\(error)")
        }
        let inner = path.hasSuffix(".gz") ? String(path.dropLast(3)) : path
        try body(FeedDocument(path: inner, bytes: content))
    }

    private static func readTar<S: ByteStream>(
        _ stream: S,
        path: String,
        limits: FeedLimits,
        _ body: (FeedDocument) throws(FeedError) -> Void
    ) throws(FeedError) {
        var reader = TarReader(stream, subject: path, maximumEntries: limits.maximumEntries)
        var total = 0
        while true {
            let next: TarEntry?
            do { next = try reader.next() } catch { throw feedError(error, path: path) }
            guard let entry = next else { return }
            let entryPath = "\(path)!/\(entry.name)"
            if let problem = ArchivePath.problem(entry.name) {
                throw FeedError(.unsafePath, path: entryPath, reason: problem)
            }
            switch entry.kind {
            case .symlink, .hardlink:
                throw FeedError(.unsafePath, path: entryPath, reason: "link entries are not allowed")
            case .regular:
                break
            default:
                continue
            }
            if entry.isSparse {
                throw FeedError(.unsupported, path: entryPath, reason: "sparse tar members are not supported")
            }
            if entry.size > limits.maximumEntrySize {
                throw FeedError(
                    .decompressionBomb,
                    path: entryPath,
                    reason: "entry is \(entry.size) bytes, over the \(limits.maximumEntrySize) limit"
                )
            }
            total += entry.size
            if total > limits.maximumTotalSize {
                throw FeedError(
                    .decompressionBomb,
                    path: entryPath,
                    reason: "archive expands to more than \(limits.maximumTotalSize) bytes"
                )
            }
            let content: [UInt8]?
            do { content = try reader.readContent(limit: limits.maximumEntrySize) } catch {
                throw feedError(error, path: entryPath)
            }
            try body(FeedDocument(path: "\(path)!/\(ArchivePath.cleaned(entry.name))", bytes: content ?? []))
        }
    }

    /// Maps a decompression or tar error of OCIImage to the feed error kinds.
    static func feedError(_ error: ImageError, path: String) -> FeedError {
        let kind: FeedError.Kind
        switch error.code {
        case .truncated: kind = .truncated
        case .decompressionBomb: kind = .decompressionBomb
        case .tooLarge: kind = .tooLarge
        case .unsafePath: kind = .unsafePath
        case .unsupportedMediaType, .unsupportedFormat: kind = .unsupported
        default: kind = .malformed
        }
        return FeedError(kind, path: path, reason: error.message)
    }
}
