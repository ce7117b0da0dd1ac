/// A rule's `output:` string could not be parsed.
public struct OutputTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable { case unknownField, unterminatedArgument }
        private let kind: Kind
        /// `%name` names a field the event model does not serve.
        public static var unknownField: Self { Self(kind: .unknownField) }
        /// `%name[` without the closing `]`.
        public static var unterminatedArgument: Self { Self(kind: .unterminatedArgument) }
        /// The code's name.
        public var description: String { "\(kind)" }
    }

    /// The kind of error.
    public var code: Code
    /// The field reference as written (without `%`).
    public var field: String
    /// The character offset of the `%` in the output string.
    public var offset: Int
    /// A sentence for the user.
    public var message: String

    /// Creates an error.
    public init(code: Code, field: String, offset: Int, message: String) {
        self.code = code
        self.field = field
        self.offset = offset
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
