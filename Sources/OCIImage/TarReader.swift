/// A streaming reader of tar archives: ustar, GNU (long names `L`, long links `K`, old sparse `S`,
/// base-256 numbers), PAX (`x` and `g` headers: `path`, `linkpath`, `size`, `uid`, `gid`,
/// `GNU.sparse.*`) and v7.
///
/// Members are returned in order by ``next()``; their content can be streamed with
/// ``readContent(_:)`` and is otherwise skipped. Sparse members are returned with their logical
/// size and their stored bytes skipped safely. At the end-of-archive marker (two zero blocks) the
/// reader stops as the runtimes do (Go's `archive/tar`), unless `concatenated` is true, in which case
/// it reads on through later archives as `tar --ignore-zeros` does. A stream that ends inside a
/// header or a member is ``ImageError/Code-swift.struct/truncated``; a header whose checksum does not
/// match, or with unparsable fields, is ``ImageError/Code-swift.struct/malformed``. Errors name
/// `subject` (the layer) and the offset.
public struct TarReader<Upstream: ByteStream> {
    /// The underlying stream.
    public private(set) var upstream: Upstream
    private let buffer = InputBuffer(capacity: 256 << 10)
    private let subject: String
    private let concatenated: Bool
    private let maximumMetadataSize: Int
    private let maximumEntries: Int
    private var upstreamEnded = false
    private var remainingContent = 0
    private var remainingPadding = 0
    private var globalPAX: [String: [UInt8]] = [:]
    private var entryCount = 0
    private var ended = false
    /// Bytes consumed from the stream so far.
    public private(set) var position = 0
    /// True once an end-of-archive marker was seen.
    public private(set) var sawEndMarker = false

    /// A reader over `upstream`; `subject` names the archive in errors.
    public init(
        _ upstream: Upstream,
        subject: String,
        concatenated: Bool = false,
        maximumMetadataSize: Int = 1 << 20,
        maximumEntries: Int = 10_000_000
    ) {
        self.upstream = upstream
        self.subject = subject
        self.concatenated = concatenated
        self.maximumMetadataSize = maximumMetadataSize
        self.maximumEntries = maximumEntries
    }

    // MARK: - Members

    /// The next member, or nil at the end of the archive. Unread content of the previous member is
    /// skipped.
    public mutating func next() throws(ImageError) -> TarEntry? {
        guard !ended else { return nil }
        try skipRemaining()
        var pax: [String: [UInt8]] = [:]
        var longName: [UInt8]?
        var longLink: [UInt8]?
        while true {
            let headerOffset = position
            guard try fill(512) else {
                if buffer.count == 0 {
                    ended = true
                    if longName != nil || longLink != nil || !pax.isEmpty {
                        throw truncated("archive ends after an extended header, before its member", at: headerOffset)
                    }
                    return nil
                }
                throw truncated("archive ends inside a header", at: headerOffset)
            }
            let block = UnsafeRawBufferPointer(rebasing: buffer.readable[0..<512])
            if isZeroBlock(block) {
                consume(512)
                sawEndMarker = true
                if concatenated { continue }
                ended = true
                return nil
            }
            try verifyChecksum(block, at: headerOffset)
            var header = try parseHeader(block, at: headerOffset)
            consume(512)
            let flag = header.typeflag
            switch flag {
            case UInt8(ascii: "x"), UInt8(ascii: "g"):
                let data = try readMetadata(size: header.size, what: "PAX header", at: headerOffset)
                let records = try parsePAX(data, at: headerOffset)
                if flag == UInt8(ascii: "g") {
                    globalPAX.merge(records) { _, new in new }
                } else {
                    pax.merge(records) { _, new in new }
                }
                continue
            case UInt8(ascii: "L"):
                longName = trimNUL(try readMetadata(size: header.size, what: "GNU long name", at: headerOffset))
                continue
            case UInt8(ascii: "K"):
                longLink = trimNUL(try readMetadata(size: header.size, what: "GNU long link name", at: headerOffset))
                continue
            case UInt8(ascii: "S"):
                try skipSparseExtensions(&header, at: headerOffset)
            default:
                break
            }
            entryCount += 1
            if entryCount > maximumEntries {
                throw ImageError(
                    code: .tooLarge,
                    subject: subject,
                    message: "archive has more than \(maximumEntries) members"
                )
            }
            let entry = try makeEntry(header, pax: pax, longName: longName, longLink: longLink, at: headerOffset)
            remainingContent = entry.size
            remainingPadding = (512 - entry.size % 512) % 512
            return entry
        }
    }

    /// Streams the rest of the current member's content to `body` in chunks (valid only during the
    /// call).
    public mutating func readContent(
        _ body: (UnsafeRawBufferPointer) throws(ImageError) -> Void
    ) throws(ImageError) {
        while remainingContent > 0 {
            if buffer.count == 0 {
                guard try fill(1) else {
                    throw truncated(
                        "archive ends inside a member's content (\(remainingContent) bytes missing)",
                        at: position
                    )
                }
            }
            let n = min(buffer.count, remainingContent)
            try body(UnsafeRawBufferPointer(rebasing: buffer.readable[0..<n]))
            consume(n)
            remainingContent -= n
        }
    }

    /// The rest of the current member's content, or nil (content skipped) when it is longer than `limit`.
    public mutating func readContent(limit: Int) throws(ImageError) -> [UInt8]? {
        guard remainingContent <= limit else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(remainingContent)
        try readContent { (chunk: UnsafeRawBufferPointer) throws(ImageError) in out.append(contentsOf: chunk) }
        return out
    }

    /// Reads the stream to its end after ``next()`` returned nil (so that digests over the whole
    /// stream can be checked) and returns how many of the trailing bytes were not zero: data hidden
    /// after the end-of-archive marker, such as a second concatenated archive.
    public mutating func drain() throws(ImageError) -> Int {
        try skipRemaining()
        var nonZero = 0
        while true {
            if buffer.count == 0 {
                guard try fill(1) else { return nonZero }
            }
            let chunk = buffer.readable
            for byte in chunk where byte != 0 { nonZero += 1 }
            consume(chunk.count)
        }
    }

    // MARK: - Buffering

    /// Ensures `count` bytes are buffered; false when the stream ends first.
    private mutating func fill(_ count: Int) throws(ImageError) -> Bool {
        if buffer.count >= count { return true }
        buffer.compact()
        while buffer.count < count, !upstreamEnded {
            let n = try upstream.read(into: buffer.writable)
            if n == 0 { upstreamEnded = true } else { buffer.commit(n) }
        }
        return buffer.count >= count
    }

    private mutating func consume(_ n: Int) {
        buffer.consume(n)
        position += n
    }

    private mutating func skipRemaining() throws(ImageError) {
        var toSkip = remainingContent + remainingPadding
        let missing = remainingContent
        remainingContent = 0
        remainingPadding = 0
        if toSkip > buffer.count, var skipping = upstream as? any SkippingByteStream {
            let direct = toSkip - buffer.count
            let skipped = try skipping.skip(direct)
            if let updated = skipping as? Upstream {
                upstream = updated
                position += skipped
                toSkip -= skipped
                if skipped < direct { upstreamEnded = true }
            }
        }
        while toSkip > 0 {
            if buffer.count == 0 {
                guard try fill(1) else {
                    throw truncated(
                        "archive ends inside a member's content (\(min(missing, toSkip)) bytes missing)",
                        at: position
                    )
                }
            }
            let n = min(buffer.count, toSkip)
            consume(n)
            toSkip -= n
        }
    }

    private mutating func readMetadata(size: Int, what: String, at offset: Int) throws(ImageError) -> [UInt8] {
        guard size <= maximumMetadataSize else {
            throw ImageError(
                code: .malformed,
                subject: subject,
                message: "\(what) at offset \(offset) is \(size) bytes, more than the limit of \(maximumMetadataSize)"
            )
        }
        remainingContent = size
        remainingPadding = (512 - size % 512) % 512
        var out: [UInt8] = []
        out.reserveCapacity(size)
        try readContent { (chunk: UnsafeRawBufferPointer) throws(ImageError) in out.append(contentsOf: chunk) }
        try skipRemaining()
        return out
    }

    // MARK: - Headers

    private struct RawHeader {
        var name: [UInt8]
        var linkName: [UInt8]
        var typeflag: UInt8
        var mode: Int
        var uid: Int
        var gid: Int
        var size: Int
        var realSize: Int?
        var sparseExtended: Bool
    }

    private func isZeroBlock(_ block: UnsafeRawBufferPointer) -> Bool {
        var accumulator: UInt64 = 0
        for i in stride(from: 0, to: 512, by: 8) {
            accumulator |= block.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        }
        return accumulator == 0
    }

    private func verifyChecksum(_ block: UnsafeRawBufferPointer, at offset: Int) throws(ImageError) {
        // Sum of all bytes with the checksum field counted as spaces; the loop vectorises.
        var total = 0
        for b in block { total &+= Int(b) }
        var field = 0
        for i in 148..<156 { field &+= Int(block[i]) }
        let unsigned = total - field + 8 * 0x20
        let stored = self.field(block, 148, 8)
        guard let value = Self.parseOctal(stored) else { throw badChecksum(offset) }
        if value == unsigned { return }
        // Some old writers summed signed chars.
        var high = 0
        for (i, b) in block.enumerated() where b >= 0x80 && !(148..<156).contains(i) { high += 1 }
        guard value == unsigned - 256 * high else { throw badChecksum(offset) }
    }

    private func badChecksum(_ offset: Int) -> ImageError {
        ImageError(
            code: .malformed,
            subject: subject,
            message: "tar header at offset \(offset) has a bad checksum (not a tar archive, or corrupt)"
        )
    }

    private func field(_ block: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: block[start..<(start + length)])
    }

    private func string(_ block: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> [UInt8] {
        let f = field(block, start, length)
        let end = f.firstIndex(of: 0) ?? f.count
        return Array(f[0..<end])
    }

    private func number(_ block: UnsafeRawBufferPointer, _ start: Int, _ length: Int, _ name: String, at offset: Int)
        throws(ImageError) -> Int
    {
        let f = field(block, start, length)
        if f[0] & 0x80 != 0 {
            // GNU base-256: big-endian two's complement with the top bit of the first byte set.
            guard f[0] == 0x80, f[1..<f.count].prefix(max(0, f.count - 1 - 7)).allSatisfy({ $0 == 0 }) else {
                throw ImageError(
                    code: .malformed,
                    subject: subject,
                    message: "tar header at offset \(offset): \(name) is out of range"
                )
            }
            var value = 0
            for b in f.suffix(min(7, f.count - 1)) { value = value << 8 | Int(b) }
            return value
        }
        guard let value = Self.parseOctal(f) else {
            throw ImageError(
                code: .malformed,
                subject: subject,
                message: "tar header at offset \(offset): \(name) is not a number"
            )
        }
        return value
    }

    /// Octal with optional leading spaces/NULs and trailing spaces/NULs; nil for anything else.
    static func parseOctal(_ f: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        while i < f.count, f[i] == 0x20 || f[i] == 0 { i += 1 }
        var value = 0
        var digits = 0
        while i < f.count, f[i] >= UInt8(ascii: "0"), f[i] <= UInt8(ascii: "7") {
            value = value << 3 | Int(f[i] - UInt8(ascii: "0"))
            digits += 1
            i += 1
            if digits > 21 { return nil }
        }
        while i < f.count {
            guard f[i] == 0x20 || f[i] == 0 else { return nil }
            i += 1
        }
        return value
    }

    private func parseHeader(_ block: UnsafeRawBufferPointer, at offset: Int) throws(ImageError) -> RawHeader {
        var name = string(block, 0, 100)
        let magic = Array(field(block, 257, 8))
        let isUSTAR = magic[0..<6] == [0x75, 0x73, 0x74, 0x61, 0x72, 0x00]  // "ustar\0"
        if isUSTAR {
            let prefix = string(block, 345, 155)
            if !prefix.isEmpty { name = prefix + [UInt8(ascii: "/")] + name }
        }
        let size = try number(block, 124, 12, "size", at: offset)
        let typeflag = block[156]
        var realSize: Int?
        var sparseExtended = false
        if typeflag == UInt8(ascii: "S") {
            realSize = try number(block, 483, 12, "sparse real size", at: offset)
            sparseExtended = block[482] != 0
        }
        return RawHeader(
            name: name,
            linkName: string(block, 157, 100),
            typeflag: typeflag,
            mode: try number(block, 100, 8, "mode", at: offset),
            uid: try number(block, 108, 8, "uid", at: offset),
            gid: try number(block, 116, 8, "gid", at: offset),
            size: size,
            realSize: realSize,
            sparseExtended: sparseExtended
        )
    }

    /// Old GNU sparse (`S`): extension blocks of sparse-map entries follow the header; the data
    /// after them is `size` bytes of non-hole chunks.
    private mutating func skipSparseExtensions(_ header: inout RawHeader, at offset: Int) throws(ImageError) {
        var extended = header.sparseExtended
        var blocks = 0
        while extended {
            guard try fill(512) else { throw truncated("archive ends inside a sparse map", at: position) }
            extended = buffer.readable[504] != 0
            consume(512)
            blocks += 1
            if blocks > maximumMetadataSize / 512 {
                throw ImageError(
                    code: .malformed,
                    subject: subject,
                    message: "sparse map at offset \(offset) is too long"
                )
            }
        }
    }

    private func makeEntry(
        _ header: RawHeader,
        pax: [String: [UInt8]],
        longName: [UInt8]?,
        longLink: [UInt8]?,
        at offset: Int
    ) throws(ImageError) -> TarEntry {
        // Global headers may set defaults such as owners; a global path or size would apply to every
        // member, which no writer means, so only `uid`/`gid` are taken from them.
        var records = globalPAX.filter { $0.key == "uid" || $0.key == "gid" }
        records.merge(pax) { _, new in new }
        var nameBytes = longName ?? header.name
        var linkBytes = longLink ?? header.linkName
        if let path = records["path"] { nameBytes = path }
        if let linkpath = records["linkpath"] { linkBytes = linkpath }
        if let sparseName = records["GNU.sparse.name"] { nameBytes = sparseName }
        var size = header.size
        if let value = records["size"] { size = try paxNumber(value, "size", at: offset) }
        var uid = header.uid
        if let value = records["uid"] { uid = try paxNumber(value, "uid", at: offset) }
        var gid = header.gid
        if let value = records["gid"] { gid = try paxNumber(value, "gid", at: offset) }
        var isSparse = header.typeflag == UInt8(ascii: "S")
        var realSize = header.realSize ?? size
        if let value = records["GNU.sparse.realsize"] ?? records["GNU.sparse.size"] {
            isSparse = true
            realSize = try paxNumber(value, "GNU.sparse.realsize", at: offset)
        } else if records.keys.contains(where: { $0.hasPrefix("GNU.sparse.") }) {
            isSparse = true
        }
        let kind: TarEntry.Kind
        switch header.typeflag {
        case 0:
            // Pre-POSIX archives mark directories with a trailing slash only.
            kind = nameBytes.last == UInt8(ascii: "/") ? .directory : .regular
        case UInt8(ascii: "0"), UInt8(ascii: "7"), UInt8(ascii: "S"):
            kind = .regular
        case UInt8(ascii: "1"): kind = .hardlink
        case UInt8(ascii: "2"): kind = .symlink
        case UInt8(ascii: "3"): kind = .characterDevice
        case UInt8(ascii: "4"): kind = .blockDevice
        case UInt8(ascii: "5"), UInt8(ascii: "D"): kind = .directory
        case UInt8(ascii: "6"): kind = .fifo
        default: kind = .other(header.typeflag)
        }
        // Hard links, symlinks, devices and fifos carry no content even if a size is stored (GNU tar
        // writes 0; some writers do not): honour the stored size for skipping, as Go does for
        // everything but links.
        if kind == .hardlink || kind == .symlink { size = 0 }
        return TarEntry(
            name: String(decoding: nameBytes, as: UTF8.self),
            linkName: String(decoding: linkBytes, as: UTF8.self),
            kind: kind,
            size: size,
            realSize: kind == .regular ? realSize : 0,
            isSparse: isSparse,
            mode: UInt32(truncatingIfNeeded: header.mode & 0o7777),
            uid: uid,
            gid: gid,
            contentOffset: position
        )
    }

    private func paxNumber(_ value: [UInt8], _ key: String, at offset: Int) throws(ImageError) -> Int {
        guard !value.isEmpty, value.count <= 18, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let n = Int(String(decoding: value, as: UTF8.self))
        else {
            throw ImageError(
                code: .malformed,
                subject: subject,
                message: "PAX header at offset \(offset): bad \(key) value"
            )
        }
        return n
    }

    /// `<length> <key>=<value>\n` records; `length` counts the whole record.
    private func parsePAX(_ data: [UInt8], at offset: Int) throws(ImageError) -> [String: [UInt8]] {
        var records: [String: [UInt8]] = [:]
        var i = 0
        while i < data.count {
            if data[i] == 0 { break }  // NUL padding after the last record
            var length = 0
            var j = i
            while j < data.count, data[j] >= 0x30, data[j] <= 0x39, j - i < 10 {
                length = length * 10 + Int(data[j] - 0x30)
                j += 1
            }
            guard j < data.count, data[j] == 0x20, length > j - i + 1, i + length <= data.count,
                data[i + length - 1] == 0x0A
            else {
                throw ImageError(
                    code: .malformed,
                    subject: subject,
                    message: "PAX header at offset \(offset) has a malformed record"
                )
            }
            let record = data[(j + 1)..<(i + length - 1)]
            guard let eq = record.firstIndex(of: UInt8(ascii: "=")) else {
                throw ImageError(
                    code: .malformed,
                    subject: subject,
                    message: "PAX header at offset \(offset) has a record without '='"
                )
            }
            let key = String(decoding: record[record.startIndex..<eq], as: UTF8.self)
            records[key] = Array(record[(eq + 1)...])
            i += length
        }
        return records
    }

    private func trimNUL(_ bytes: [UInt8]) -> [UInt8] {
        guard let end = bytes.firstIndex(of: 0) else { return bytes }
        return Array(bytes[..<end])
    }

    private func truncated(_ message: String, at offset: Int) -> ImageError {
        ImageError(code: .truncated, subject: subject, message: "\(message) (offset \(offset))")
    }
}
