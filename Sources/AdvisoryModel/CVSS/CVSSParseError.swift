/// Why a CVSS vector string was rejected.
public struct CVSSParseError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem was found.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind {
            case badPrefix, unsupportedVersion, malformedMetric, unknownMetric, invalidValue,
                duplicateMetric
            case missingMetric, misplacedMetric, incompleteGroup
        }
        private let kind: Kind
        /// The `CVSS:x.y/` prefix is malformed (or present on a v2 vector).
        public static var badPrefix: Self { Self(kind: .badPrefix) }
        /// The prefix names a version that is not 3.0, 3.1 or 4.0.
        public static var unsupportedVersion: Self { Self(kind: .unsupportedVersion) }
        /// A component is not `NAME:VALUE` (empty, no colon, several colons).
        public static var malformedMetric: Self { Self(kind: .malformedMetric) }
        /// A metric name the version does not define.
        public static var unknownMetric: Self { Self(kind: .unknownMetric) }
        /// A value the metric does not allow.
        public static var invalidValue: Self { Self(kind: .invalidValue) }
        /// The same metric appears twice.
        public static var duplicateMetric: Self { Self(kind: .duplicateMetric) }
        /// A mandatory (base) metric is absent.
        public static var missingMetric: Self { Self(kind: .missingMetric) }
        /// The metric appears out of the order the specification requires (v2 and v4.0).
        public static var misplacedMetric: Self { Self(kind: .misplacedMetric) }
        /// A v2 temporal or environmental group is only partly given.
        public static var incompleteGroup: Self { Self(kind: .incompleteGroup) }
        public var description: String { "\(kind)" }
    }

    /// The kind of problem.
    public var code: Code
    /// A human-readable explanation naming the offending part.
    public var message: String
    /// Always nil: parsing has no underlying error.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(code: Code, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { "\(code): \(message)" }
}
