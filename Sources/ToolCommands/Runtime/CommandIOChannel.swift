import AlertChannels
import Foundation

/// Writes alerts as lines to a command's standard output (``CommandIO/writeOut``), so that in-process
/// runs and tests see them like the real process does.
final class CommandIOChannel: AlertChannel, @unchecked Sendable {
    // Invariant: `closed` is only touched with `lock` held; `write` is a thread-safe closure.

    let name = "stdout"
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var closed = false

    init(io: CommandIO) { write = io.writeOut }

    func send(_ message: AlertMessage) throws(AlertChannelError) {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { throw AlertChannelError(code: .closed, message: "stdout is closed") }
        write(message.text + "\n")
    }

    func close() {
        lock.lock()
        closed = true
        lock.unlock()
    }
}
