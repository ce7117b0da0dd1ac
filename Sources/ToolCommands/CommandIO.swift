import Foundation
import Synchronization

/// Where a command reads and writes: the real process streams, or buffers in tests.
public struct CommandIO: Sendable {
    /// Writes to standard output.
    public var writeOut: @Sendable (String) -> Void
    /// Writes to standard error.
    public var writeErr: @Sendable (String) -> Void
    /// Reads all of standard input, at most `limit` bytes plus one (so callers can detect "too large").
    public var readStandardInput: @Sendable (_ limit: Int) -> [UInt8]
    /// Reads the next bytes of standard input, at most `limit`, waiting for at least one; empty at the end.
    /// Streaming readers use it instead of ``readStandardInput``.
    public var readStandardInputChunk: @Sendable (_ limit: Int) -> [UInt8]
    /// True when standard output is a terminal.
    public var stdoutIsTerminal: Bool
    /// True when standard error is a terminal.
    public var stderrIsTerminal: Bool
    /// Environment variables.
    public var environment: [String: String]
    /// Current directory.
    public var currentDirectory: String

    public init(
        writeOut: @escaping @Sendable (String) -> Void,
        writeErr: @escaping @Sendable (String) -> Void,
        readStandardInput: @escaping @Sendable (Int) -> [UInt8],
        readStandardInputChunk: @escaping @Sendable (Int) -> [UInt8],
        stdoutIsTerminal: Bool,
        stderrIsTerminal: Bool,
        environment: [String: String],
        currentDirectory: String
    ) {
        self.writeOut = writeOut
        self.writeErr = writeErr
        self.readStandardInput = readStandardInput
        self.readStandardInputChunk = readStandardInputChunk
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.environment = environment
        self.currentDirectory = currentDirectory
    }

    /// The process's real streams.
    public static var process: CommandIO {
        CommandIO(
            writeOut: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            writeErr: { text in FileHandle.standardError.write(Data(text.utf8)) },
            readStandardInput: { limit in
                var out: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while out.count <= limit {
                    let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                    if n <= 0 { break }
                    out.append(contentsOf: buffer[0..<n])
                }
                return out
            },
            readStandardInputChunk: { limit in
                var buffer = [UInt8](repeating: 0, count: max(1, limit))
                while true {
                    let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                    if n >= 0 { return Array(buffer[0..<n]) }
                    if errno != EINTR { return [] }
                }
            },
            stdoutIsTerminal: isatty(1) == 1,
            stderrIsTerminal: isatty(2) == 1,
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath
        )
    }

    /// An IO whose output is captured, for tests.
    public static func capturing(
        stdin: [UInt8] = [],
        environment: [String: String] = [:],
        currentDirectory: String = "/",
        terminal: Bool = false
    ) -> (io: CommandIO, output: CapturedOutput) {
        let captured = CapturedOutput()
        let consumed = Mutex(0)
        let io = CommandIO(
            writeOut: { captured.appendOut($0) },
            writeErr: { captured.appendErr($0) },
            readStandardInput: { limit in Array(stdin.prefix(limit + 1)) },
            readStandardInputChunk: { limit in
                consumed.withLock { offset in
                    let end = min(stdin.count, offset + max(1, limit))
                    defer { offset = end }
                    return Array(stdin[offset..<end])
                }
            },
            stdoutIsTerminal: terminal,
            stderrIsTerminal: terminal,
            environment: environment,
            currentDirectory: currentDirectory
        )
        return (io, captured)
    }
}

/// Output captured by ``CommandIO/capturing(stdin:environment:currentDirectory:terminal:)``.
public final class CapturedOutput: Sendable {
    private let state = Mutex<(out: String, err: String)>(("", ""))

    public init() {}

    func appendOut(_ s: String) { state.withLock { $0.out += s } }
    func appendErr(_ s: String) { state.withLock { $0.err += s } }

    /// Everything written to standard output.
    public var stdout: String { state.withLock { $0.out } }
    /// Everything written to standard error.
    public var stderr: String { state.withLock { $0.err } }
}
