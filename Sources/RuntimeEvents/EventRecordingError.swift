/// Why a recording cannot be read at all (its header is missing or from an unsupported version).
///
/// Bad event lines are not errors: they become ``RecordingDiagnostic``s and are skipped.
public struct EventRecordingError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind { case missingHeader, unsupportedFormat, unsupportedVersion }
        private let kind: Kind
        /// The first line is not a header object.
        public static var missingHeader: Self { Self(kind: .missingHeader) }
        /// The header names another format.
        public static var unsupportedFormat: Self { Self(kind: .unsupportedFormat) }
        /// The header's version is newer than this reader.
        public static var unsupportedVersion: Self { Self(kind: .unsupportedVersion) }
        public var description: String { "\(kind)" }
    }

    public var code: Code
    /// Where: `source:line`.
    public var source: String
    public var line: Int
    public var message: String
    public var underlying: (any Error)?

    /// Creates an error.
    public init(code: Code, source: String, line: Int, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.source = source
        self.line = line
        self.message = message
        self.underlying = underlying
    }

    public var description: String { "\(source):\(line): \(code): \(message)" }
}
