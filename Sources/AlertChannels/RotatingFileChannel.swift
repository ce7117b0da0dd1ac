internal import Foundation

/// Appends each alert as a line to a file; when a write would make it larger than `maximumBytes`, the
/// file is rotated first: `path` → `path.1` → … → `path.<keep>` (the oldest is deleted).
public final class RotatingFileChannel: AlertChannel, @unchecked Sendable {
    // Invariant: `handle`, `size` and `closed` are only touched with `lock` held.

    /// `file`.
    public let name: String
    /// The live file.
    public let path: String
    private let maximumBytes: Int
    private let keep: Int
    private let lock = NSLock()
    private var handle: FileHandle?
    private var size = 0
    private var closed = false

    /// Opens (creating or appending to) `path`; `keep` rotated files are kept (0: truncate instead).
    public init(path: String, maximumBytes: Int, keep: Int, name: String = "file") throws(AlertChannelError) {
        self.path = path
        self.maximumBytes = max(1, maximumBytes)
        self.keep = max(0, keep)
        self.name = name
        try open()
    }

    /// Appends `text` and a newline, rotating first when needed.
    public func send(_ message: AlertMessage) throws(AlertChannelError) {
        let data = Data((message.text + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        guard !closed, let current = handle else {
            throw AlertChannelError(code: .closed, message: "\(name) \(path) is closed")
        }
        var target = current
        if size > 0, size + data.count > maximumBytes {
            try rotate()
            guard let reopened = handle else {
                throw AlertChannelError(code: .setup, message: "\(name): cannot reopen \(path)")
            }
            target = reopened
        }
        do {
            try target.write(contentsOf: data)
            size += data.count
        } catch {
            throw AlertChannelError(code: .write, message: "\(name) \(path): \(error)")
        }
    }

    /// Flushes and closes the file.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        closed = true
        try? handle?.synchronize()
        try? handle?.close()
        handle = nil
    }

    private func open() throws(AlertChannelError) {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            guard manager.createFile(atPath: path, contents: nil) else {
                throw AlertChannelError(code: .setup, message: "\(name): cannot create \(path)")
            }
        }
        guard let opened = FileHandle(forWritingAtPath: path) else {
            throw AlertChannelError(code: .setup, message: "\(name): cannot open \(path)")
        }
        do {
            size = Int(try opened.seekToEnd())
        } catch {
            throw AlertChannelError(code: .setup, message: "\(name): cannot seek \(path): \(error)")
        }
        handle = opened
    }

    private func rotate() throws(AlertChannelError) {
        try? handle?.close()
        handle = nil
        let manager = FileManager.default
        if keep == 0 {
            try? manager.removeItem(atPath: path)
        } else {
            try? manager.removeItem(atPath: "\(path).\(keep)")
            for n in stride(from: keep - 1, through: 1, by: -1) where manager.fileExists(atPath: "\(path).\(n)") {
                try? manager.moveItem(atPath: "\(path).\(n)", toPath: "\(path).\(n + 1)")
            }
            try? manager.moveItem(atPath: path, toPath: "\(path).1")
        }
        try open()
    }
}
