public import OCIImage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open, read-only file descriptor read with `pread` (so one open file serves many readers).
///
/// Invariant: `descriptor` is opened in `init`, never changed, and closed once in `deinit`; `pread`
/// does not move a shared offset, so concurrent reads are safe (hence `@unchecked Sendable`).
final class ReadOnlyFile: @unchecked Sendable {
    let descriptor: Int32
    let path: String
    let size: Int

    /// Opens `path` (symlinks followed: the user named it), refusing anything but a regular file.
    init(path: String) throws(ImageError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXFailure.error(errno, path: path, doing: "open") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw POSIXFailure.error(code, path: path, doing: "stat")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw ImageError(code: .unsupportedFormat, subject: path, message: "not a regular file")
        }
        descriptor = fd
        self.path = path
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Reads up to `buffer.count` bytes at `offset`; 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(ImageError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = pread(descriptor, base, buffer.count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw POSIXFailure.error(errno, path: path, doing: "read")
        }
    }

    /// `count` bytes at `offset` (fewer only when the file is shorter).
    func read(at offset: Int, count: Int) throws(ImageError) -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 8)
        defer { buffer.deallocate() }
        var done = 0
        while done < count {
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[done..<count]), at: offset + done)
            if n == 0 { break }
            done += n
        }
        return Array(buffer[0..<done])
    }
}

/// A byte range of a ``ReadOnlyFile`` as a stream (a layer blob inside an archive, a blob file).
public struct FileByteStream: SkippingByteStream, Sendable {
    private let file: ReadOnlyFile
    private var offset: Int
    private let end: Int

    init(file: ReadOnlyFile, offset: Int = 0, length: Int? = nil) {
        self.file = file
        self.offset = offset
        self.end = length.map { offset + $0 } ?? file.size
    }

    /// Opens the whole file at `path`.
    public init(path: String) throws(ImageError) {
        self.init(file: try ReadOnlyFile(path: path))
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        let wanted = min(buffer.count, end - offset)
        guard wanted > 0 else { return 0 }
        let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]), at: offset)
        offset += n
        return n
    }

    public mutating func skip(_ count: Int) throws(ImageError) -> Int {
        let n = max(0, min(count, end - offset))
        offset += n
        return n
    }
}

/// Turns `errno` into an ``ImageError``.
enum POSIXFailure {
    static func error(_ code: Int32, path: String, doing action: String) -> ImageError {
        let reason = String(cString: strerror(code))
        let kind: ImageError.Code = code == ENOENT ? .notFound : .io
        return ImageError(code: kind, subject: path, message: "cannot \(action): \(reason)")
    }
}
