/// A configuration file that cannot be used: unreadable, not YAML, or with a key of the wrong type.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// Why.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String { case invalidYAML, invalidValue, unknownKey, tooLarge }
        private let kind: Kind
        public static var invalidYAML: Self { Self(kind: .invalidYAML) }
        public static var invalidValue: Self { Self(kind: .invalidValue) }
        public static var unknownKey: Self { Self(kind: .unknownKey) }
        public static var tooLarge: Self { Self(kind: .tooLarge) }
        public var description: String { kind.rawValue }
    }

    public var code: Code
    /// The file.
    public var path: String
    public var message: String

    public init(code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
