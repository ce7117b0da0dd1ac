public import OCIImage
public import SecurityModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ``OCIImage/ContentStore`` that writes kept file contents to a ``ScratchDirectory`` (one file per
/// content, named by number) instead of memory, within a disk budget (default 8 GiB). The files are
/// deleted when released and the directory when the store goes away.
public final class ScratchContentStore: ContentStore {
    private struct State {
        var writers: [Int: Int32] = [:]
        var sizes: [Int: Int] = [:]
        var used = 0
        var nextID = 0
    }

    /// The directory holding the contents.
    public let directory: ScratchDirectory
    /// The most bytes the store may hold on disk.
    public let budget: Int
    private let state = Mutex(State())

    /// A store in a new scratch directory under `parent` (default: ``ScratchDirectory/defaultParent``).
    public init(parent: String? = nil, budget: Int = 8 << 30) throws(ImageError) {
        directory = try ScratchDirectory(parent: parent)
        self.budget = budget
    }

    deinit {
        state.withLock { s in
            for fd in s.writers.values { close(fd) }
        }
    }

    private func name(_ id: Int) -> String { "c\(id)" }

    public func begin(path: String, expectedSize: Int) throws(ImageError) -> ContentID {
        let budget = self.budget
        let id: Int? = state.withLock { s in
            guard expectedSize >= 0, s.used + expectedSize <= budget else { return nil }
            s.used += expectedSize
            s.nextID += 1
            return s.nextID
        }
        guard let id else {
            throw ImageError(
                code: .tooLarge,
                subject: path,
                message: "keeping \(expectedSize) more bytes would pass the scratch budget of \(budget) bytes"
            )
        }
        do {
            let fd = try directory.create(name(id))
            state.withLock { s in
                s.writers[id] = fd
                s.sizes[id] = expectedSize
            }
        } catch {
            state.withLock { $0.used -= expectedSize }
            throw error
        }
        return ContentID(rawValue: id)
    }

    public func append(_ chunk: UnsafeRawBufferPointer, to id: ContentID) throws(ImageError) {
        guard let fd = state.withLock({ $0.writers[id.rawValue] }) else {
            throw ImageError(code: .io, subject: directory.path, message: "content \(id.rawValue) is not being written")
        }
        try ScratchDirectory.writeAll(fd, chunk, path: directory.path + "/" + name(id.rawValue))
    }

    public func finish(_ id: ContentID) throws(ImageError) {
        if let fd = state.withLock({ $0.writers.removeValue(forKey: id.rawValue) }) { close(fd) }
    }

    public func release(_ id: ContentID) {
        let fd: Int32? = state.withLock { s in
            if let size = s.sizes.removeValue(forKey: id.rawValue) { s.used -= size }
            return s.writers.removeValue(forKey: id.rawValue)
        }
        if let fd { close(fd) }
        directory.remove(name(id.rawValue))
    }

    public func contents(of id: ContentID, path: String, limit: Int) throws(FileTreeError) -> [UInt8] {
        let fd: Int32
        do {
            fd = try directory.openForReading(name(id.rawValue))
        } catch {
            throw FileTreeError(code: .unreadable, path: path, message: error.message)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw FileTreeError(code: .unreadable, path: path, message: "cannot stat kept content")
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw FileTreeError(code: .tooLarge, path: path, message: "file is larger than \(limit) bytes")
        }
        var out = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = out.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return 0 }
                return read(fd, base + done, size - done)
            }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            done += n
        }
        guard done == size else {
            throw FileTreeError(code: .unreadable, path: path, message: "kept content is shorter than expected")
        }
        return out
    }
}
