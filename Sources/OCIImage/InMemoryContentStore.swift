public import SecurityModel
internal import Synchronization

/// A ``ContentStore`` in memory with a total budget (default 256 MiB): a file that would pass the
/// budget is declined with ``ImageError/Code-swift.struct/tooLarge`` (the reader records a
/// diagnostic and the file's content stays unavailable).
public final class InMemoryContentStore: ContentStore {
    private struct State {
        var blobs: [Int: [UInt8]] = [:]
        var reserved: [Int: Int] = [:]
        var used = 0
        var nextID = 0
    }

    private let state = Mutex(State())
    /// The total number of bytes the store may hold.
    public let budget: Int

    /// A store holding at most `budget` bytes.
    public init(budget: Int = 256 << 20) { self.budget = budget }

    /// Bytes currently held or reserved.
    public var usedBytes: Int { state.withLock { $0.used } }

    public func begin(path: String, expectedSize: Int) throws(ImageError) -> ContentID {
        let budget = self.budget
        let id: Int? = state.withLock { s in
            guard expectedSize >= 0, s.used + expectedSize <= budget else { return nil }
            s.used += expectedSize
            let id = s.nextID
            s.nextID += 1
            s.reserved[id] = expectedSize
            var bytes: [UInt8] = []
            bytes.reserveCapacity(expectedSize)
            s.blobs[id] = bytes
            return id
        }
        guard let id else {
            throw ImageError(
                code: .tooLarge,
                subject: path,
                message: "keeping \(expectedSize) more bytes would pass the in-memory budget of \(budget) bytes"
            )
        }
        return ContentID(rawValue: id)
    }

    public func append(_ chunk: UnsafeRawBufferPointer, to id: ContentID) throws(ImageError) {
        let ok: Bool = state.withLock { s in
            guard let reserved = s.reserved[id.rawValue], var bytes = s.blobs.removeValue(forKey: id.rawValue) else {
                return false
            }
            guard bytes.count + chunk.count <= reserved else {
                s.blobs[id.rawValue] = bytes
                return false
            }
            bytes.append(contentsOf: chunk)
            s.blobs[id.rawValue] = bytes
            return true
        }
        guard ok else {
            throw ImageError(code: .malformed, subject: "content \(id.rawValue)", message: "more bytes than announced")
        }
    }

    public func finish(_ id: ContentID) throws(ImageError) {}

    public func release(_ id: ContentID) {
        state.withLock { s in
            if let reserved = s.reserved.removeValue(forKey: id.rawValue) { s.used -= reserved }
            s.blobs[id.rawValue] = nil
        }
    }

    public func contents(of id: ContentID, path: String, limit: Int) throws(FileTreeError) -> [UInt8] {
        guard let bytes = state.withLock({ $0.blobs[id.rawValue] }) else {
            throw FileTreeError(code: .unreadable, path: path, message: "content is no longer available")
        }
        guard bytes.count <= limit else {
            throw FileTreeError(code: .tooLarge, path: path, message: "file is larger than \(limit) bytes")
        }
        return bytes
    }
}
