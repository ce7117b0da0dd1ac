/// A ring-buffer record the decoder could not read: the caller counts it and keeps going.
public struct SensorRecordError: Error, Sendable, CustomStringConvertible {
    /// What was wrong with the record.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind { case truncated, abiMismatch, unknownKind }
        private let kind: Kind
        /// Shorter than ``SensorRecordLayout/size``.
        public static var truncated: Self { Self(kind: .truncated) }
        /// Written by a BPF program with another ``SensorRecordLayout/abiVersion``.
        public static var abiMismatch: Self { Self(kind: .abiMismatch) }
        /// A `kind` this decoder does not know.
        public static var unknownKind: Self { Self(kind: .unknownKind) }
        /// The code's name.
        public var description: String { "\(kind)" }
    }

    /// What was wrong.
    public var code: Code
    /// Details for a log line.
    public var message: String
    /// Always nil: the decoder has no underlying errors.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(code: Code, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
