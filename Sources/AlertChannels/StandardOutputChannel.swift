public import Foundation

/// Writes each alert as one line to a file handle (standard output by default).
public final class StandardOutputChannel: AlertChannel, @unchecked Sendable {
    // Invariant: `handle` is written only with `lock` held.

    /// `stdout`.
    public let name: String
    private let handle: FileHandle
    private let lock = NSLock()
    private var closed = false

    /// Creates a channel writing to `handle`.
    public init(handle: FileHandle = .standardOutput, name: String = "stdout") {
        self.handle = handle
        self.name = name
    }

    /// Writes `text` and a newline.
    public func send(_ message: AlertMessage) throws(AlertChannelError) {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { throw AlertChannelError(code: .closed, message: "\(name) is closed") }
        do {
            try handle.write(contentsOf: Data((message.text + "\n").utf8))
        } catch {
            throw AlertChannelError(code: .write, message: "\(name): \(error)")
        }
    }

    /// Stops writing (the handle stays open; it is the caller's).
    public func close() {
        lock.lock()
        closed = true
        lock.unlock()
    }
}
