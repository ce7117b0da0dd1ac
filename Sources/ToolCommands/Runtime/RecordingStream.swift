import ArgumentParser
import Foundation
import RuntimeEvents

/// Reads a recording (a file, or `-` for standard input) in chunks and feeds its lines to an
/// ``EventRecordingReader``, so memory stays bounded by the chunk and the longest kept line, not by the
/// recording. A line longer than the reader's limit is not kept: the reader reports and skips it.
struct RecordingStream {
    /// Bytes read per chunk by default.
    static let defaultChunkBytes = 1 << 20
    /// Bytes read per chunk.
    let chunkBytes: Int

    private enum Source {
        case file(Int32)
        /// Standard input, through ``CommandIO/readStandardInputChunk``.
        case standardInput
        case finished
    }

    private var source: Source
    private let io: CommandIO
    private let display: String
    /// The reader the lines go to.
    private(set) var reader: EventRecordingReader
    /// Largest recording read, in bytes (nil: no limit).
    let maximumBytes: Int?
    /// Bytes read so far.
    private(set) var bytesRead = 0
    private var buffer: [UInt8]
    /// The start of a line continued in the next chunk (at most the line limit + 1 bytes are kept).
    private var carry: [UInt8] = []
    /// The length of the current line when it is longer than what `carry` keeps.
    private var carryLength = 0
    private var carryLast: UInt8 = 0

    /// Opens `path` (relative to the command's directory, or `-`); errors name the path.
    init(
        path: String,
        io: CommandIO,
        limits: EventRecordingReader.Limits,
        maximumBytes: Int?,
        chunkBytes: Int = defaultChunkBytes
    ) throws(ValidationError) {
        self.chunkBytes = max(1, chunkBytes)
        self.io = io
        display = path
        self.maximumBytes = maximumBytes
        reader = EventRecordingReader(source: path, limits: limits)
        buffer = [UInt8](repeating: 0, count: self.chunkBytes)
        // Every stored property is set before anything can throw: a typed throw out of a partly initialised
        // struct corrupted the heap (Swift 6.3.1, debug builds).
        source = .finished
        if path == "-" {
            source = .standardInput
            return
        }
        let absolute = path.hasPrefix("/") ? path : (io.currentDirectory as NSString).appendingPathComponent(path)
        var info = stat()
        guard stat(absolute, &info) == 0 else {
            throw ValidationError("\(path): cannot read: \(String(cString: strerror(errno)))")
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFIFO || type == S_IFCHR else {
            throw ValidationError("\(path): not a regular file")
        }
        let fd = open(absolute, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ValidationError("\(path): cannot read: \(String(cString: strerror(errno)))") }
        source = .file(fd)
    }

    /// Reads the next chunk and appends the events of its complete lines to `events`; false at the end of
    /// the recording (after the last line, even one without a final newline, was read).
    mutating func next(into events: inout [RuntimeEvent]) throws(ValidationError) -> Bool {
        let count = try readChunk()
        if count == 0 {
            if !carry.isEmpty || carryLength > 0 { try emitCarry(into: &events) }
            return false
        }
        bytesRead += count
        if let maximumBytes, bytesRead > maximumBytes {
            close()
            throw ValidationError(
                "\(display): the recording is larger than \(maximumBytes / 1_048_576) MiB "
                    + "(use --max-file-size to raise it)"
            )
        }
        // Errors leave the closure as values: a typed throw out of `withUnsafeBufferPointer` corrupted memory
        // in debug builds (Swift 6.3).
        let failure = buffer.withUnsafeBufferPointer { chunk -> ValidationError? in
            do throws(ValidationError) {
                try split(UnsafeBufferPointer(rebasing: chunk[0..<count]), into: &events)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
        return true
    }

    /// Closes the file (standard input stays open).
    mutating func close() {
        if case .file(let fd) = source { Foundation.close(fd) }
        source = .finished
    }

    private mutating func readChunk() throws(ValidationError) -> Int {
        switch source {
        case .finished: return 0
        case .file(let fd): return try readDescriptor(fd)
        case .standardInput:
            let bytes = io.readStandardInputChunk(chunkBytes)
            if bytes.isEmpty {
                source = .finished
                return 0
            }
            buffer.replaceSubrange(0..<bytes.count, with: bytes)
            return bytes.count
        }
    }

    private mutating func readDescriptor(_ fd: Int32) throws(ValidationError) -> Int {
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, self.chunkBytes) }
            if n >= 0 {
                if n == 0 { close() }
                return n
            }
            if errno == EINTR { continue }
            let message = String(cString: strerror(errno))
            close()
            throw ValidationError("\(display): read failed: \(message)")
        }
    }

    private mutating func split(_ chunk: UnsafeBufferPointer<UInt8>, into events: inout [RuntimeEvent])
        throws(ValidationError)
    {
        var start = 0
        let end = chunk.count
        while start < end {
            guard let newline = Self.find(0x0A, in: chunk, from: start) else {
                keep(UnsafeBufferPointer(rebasing: chunk[start..<end]))
                return
            }
            if carry.isEmpty && carryLength == 0 {
                try read(UnsafeBufferPointer(rebasing: chunk[start..<newline]), into: &events)
            } else {
                keep(UnsafeBufferPointer(rebasing: chunk[start..<newline]))
                try emitCarry(into: &events)
            }
            start = newline + 1
        }
    }

    private static func find(_ byte: UInt8, in chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = chunk.baseAddress, start < chunk.count else { return nil }
        guard let found = memchr(base + start, Int32(byte), chunk.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Adds the start or middle of a line to `carry`, keeping at most the line limit + 1 bytes.
    private mutating func keep(_ part: UnsafeBufferPointer<UInt8>) {
        guard !part.isEmpty else { return }
        let room = max(0, reader.limits.maximumLineBytes + 1 - carry.count)
        if room > 0 { carry.append(contentsOf: part.prefix(room)) }
        carryLength += part.count
        carryLast = part[part.count - 1]
    }

    private mutating func emitCarry(into events: inout [RuntimeEvent]) throws(ValidationError) {
        defer {
            carry.removeAll(keepingCapacity: carry.capacity <= 4 * self.chunkBytes)
            carryLength = 0
        }
        if carryLength > carry.count {
            try deliver(OversizedLine(count: carryLength, lastByte: carryLast), into: &events)
        } else {
            let failure = carry.withUnsafeBufferPointer { line -> ValidationError? in
                do throws(ValidationError) {
                    try read(line, into: &events)
                    return nil
                } catch {
                    return error
                }
            }
            if let failure { throw failure }
        }
    }

    private mutating func read(_ line: UnsafeBufferPointer<UInt8>, into events: inout [RuntimeEvent])
        throws(ValidationError)
    {
        try deliver(line, into: &events)
    }

    private mutating func deliver(
        _ line: some BidirectionalCollection<UInt8>,
        into events: inout [RuntimeEvent]
    ) throws(ValidationError) {
        do throws(EventRecordingError) {
            if let event = try reader.read(line: line) { events.append(event) }
        } catch {
            close()
            throw ValidationError("\(error)")
        }
    }
}
