/// Inspect JSON that cannot be decoded: not JSON, not an object, or a field of the wrong type.
public struct ContainerConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why decoding failed, stable for machines.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable { case invalidJSON, wrongType }
        private let kind: Kind
        /// The text is not valid JSON.
        public static var invalidJSON: Self { Self(kind: .invalidJSON) }
        /// A field (or the document itself) has the wrong JSON type.
        public static var wrongType: Self { Self(kind: .wrongType) }
        public var description: String { "\(kind)" }
    }

    /// The kind of failure.
    public var code: Code
    /// The document as the caller named it (a file path, `-`, a container id).
    public var source: String
    /// Dotted path of the offending field (`HostConfig.Privileged`), empty for the whole document.
    public var field: String
    /// A sentence naming the document, the field and what is wrong.
    public var message: String

    /// Creates an error.
    public init(code: Code, source: String, field: String, message: String) {
        self.code = code
        self.source = source
        self.field = field
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
