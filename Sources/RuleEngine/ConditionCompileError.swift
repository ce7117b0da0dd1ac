/// Why a condition could not be compiled.
public struct ConditionCompileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Hashable {
        /// One or more fields are not served by the event model (see ``ConditionCompileError/unknownFields``).
        case unknownField
        /// A value cannot be converted to the field's type (a number, a boolean, an IP, hex bytes…).
        case invalidValue
        /// A `regex` value is not a valid regular expression.
        case invalidRegex
        /// The operator cannot be applied to the field's type or value.
        case unsupportedOperator
    }

    /// What kind of failure this is.
    public var code: Code
    /// A sentence naming the field, operator or value at fault.
    public var message: String
    /// For ``Code/unknownField``: the unknown field references, sorted.
    public var unknownFields: [String]

    /// Creates an error.
    public init(code: Code, message: String, unknownFields: [String] = []) {
        self.code = code
        self.message = message
        self.unknownFields = unknownFields
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
