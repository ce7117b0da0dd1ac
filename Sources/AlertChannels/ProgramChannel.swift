internal import Foundation
internal import Glibc

/// Writes each alert as a line to the standard input of a program started once and kept running
/// (`/bin/sh -c COMMAND`, as Falco's `program_output`).
///
/// SIGPIPE is ignored process-wide when the first program channel starts, so a program that exits
/// makes `send` fail instead of killing the process.
public final class ProgramChannel: AlertChannel, @unchecked Sendable {
    // Invariant: `process`, `input` and `closed` are only touched with `lock` held.

    /// `program`.
    public let name: String
    /// The shell command.
    public let command: String
    private let lock = NSLock()
    private let process = Process()
    private let input: Pipe
    private var closed = false

    /// Starts `/bin/sh -c command` with a pipe on its standard input.
    public init(command: String, name: String = "program") throws(AlertChannelError) {
        self.command = command
        self.name = name
        signal(SIGPIPE, SIG_IGN)
        input = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardInput = input
        do {
            try process.run()
        } catch {
            throw AlertChannelError(code: .setup, message: "\(name): cannot start '\(command)': \(error)")
        }
    }

    /// Writes `text` and a newline to the program.
    public func send(_ message: AlertMessage) throws(AlertChannelError) {
        let bytes = Array((message.text + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { throw AlertChannelError(code: .closed, message: "\(name) is closed") }
        let fd = input.fileHandleForWriting.fileDescriptor
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + offset }, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AlertChannelError(
                    code: .write,
                    message: "\(name) '\(command)': \(String(cString: strerror(errno)))"
                )
            }
            offset += n
        }
    }

    /// Closes the program's input and waits for it to exit.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
