/// Why an SBOM file could not be read at all. Per-package problems are ``DecodedSBOM/diagnostics`` instead.
public struct SBOMDecodingError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String { case invalidJSON, unsupportedFormat, invalidDocument }
        private let kind: Kind
        /// The bytes are not JSON (or not UTF-8).
        public static var invalidJSON: Self { Self(kind: .invalidJSON) }
        /// JSON, but neither CycloneDX, SPDX 2.x nor Bulkhead JSON; or XML, tag-value or YAML.
        public static var unsupportedFormat: Self { Self(kind: .unsupportedFormat) }
        /// The right format, but a required part is missing or of the wrong type.
        public static var invalidDocument: Self { Self(kind: .invalidDocument) }
        /// The code's name.
        public var description: String { kind.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The file concerned, as the caller named it (empty when unknown).
    public var subject: String
    /// What is wrong.
    public var message: String
    /// The parser error behind it, if any.
    public var underlying: (any Error)?

    /// An error.
    public init(code: Code, subject: String, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.subject = subject
        self.message = message
        self.underlying = underlying
    }

    /// `subject: message`.
    public var description: String { subject.isEmpty ? message : "\(subject): \(message)" }
}
