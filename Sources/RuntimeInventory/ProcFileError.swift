/// A `/proc` file (or a Docker Engine document) that could not be understood: which file and what is wrong.
public struct ProcFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, e.g. `/proc/42/stat`.
    public var file: String
    /// What is wrong with it.
    public var reason: String

    /// Creates an error about `file`.
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    /// `<file>: <reason>`.
    public var description: String { "\(file): \(reason)" }
}
