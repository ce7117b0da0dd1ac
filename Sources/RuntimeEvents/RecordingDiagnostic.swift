/// A problem with one line of a recording: where, and what is wrong. The line is skipped.
public struct RecordingDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The recording's name (a file path, or `<recording>`).
    public var source: String
    /// 1-based line number.
    public var line: Int
    /// What is wrong, naming the field when there is one (`thread.pid: expected an integer`).
    public var message: String

    /// Creates a diagnostic.
    public init(source: String, line: Int, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    /// `source:line: message`.
    public var description: String { "\(source):\(line): \(message)" }
}
