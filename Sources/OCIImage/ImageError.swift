/// Why an image could not be read. Every error names the layer or blob (or file) concerned.
public struct ImageError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String {
            case notFound, unsupportedMediaType, digestMismatch, truncated, malformed, unsafePath, tooLarge,
                decompressionBomb, io, authentication, network, unsupportedFormat, manifestLoop
        }
        private let kind: Kind
        public static var notFound: Self { Self(kind: .notFound) }
        public static var unsupportedMediaType: Self { Self(kind: .unsupportedMediaType) }
        public static var digestMismatch: Self { Self(kind: .digestMismatch) }
        public static var truncated: Self { Self(kind: .truncated) }
        public static var malformed: Self { Self(kind: .malformed) }
        public static var unsafePath: Self { Self(kind: .unsafePath) }
        public static var tooLarge: Self { Self(kind: .tooLarge) }
        public static var decompressionBomb: Self { Self(kind: .decompressionBomb) }
        public static var io: Self { Self(kind: .io) }
        public static var authentication: Self { Self(kind: .authentication) }
        public static var network: Self { Self(kind: .network) }
        public static var unsupportedFormat: Self { Self(kind: .unsupportedFormat) }
        public static var manifestLoop: Self { Self(kind: .manifestLoop) }
        public var description: String { kind.rawValue }
    }

    public var code: Code
    /// The blob, layer or file concerned (`layer 2 (sha256:…)`, `manifest.json`).
    public var subject: String
    public var message: String
    public var underlying: (any Error)?

    public init(code: Code, subject: String, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.subject = subject
        self.message = message
        self.underlying = underlying
    }

    public var description: String { "\(subject): \(message)" }
}
