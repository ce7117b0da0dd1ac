/// A Docker Engine answer (inspect document, event line) that could not be decoded: whose and what is wrong.
public struct DockerDocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the document describes, e.g. `container 3ad7b26ded6d` or `event line 12`.
    public var subject: String
    /// What is wrong with it.
    public var reason: String

    /// Creates an error about `subject`.
    public init(subject: String, reason: String) {
        self.subject = subject
        self.reason = reason
    }

    /// `<subject>: <reason>`.
    public var description: String { "\(subject): \(reason)" }
}
