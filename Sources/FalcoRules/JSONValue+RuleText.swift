internal import SecurityModel

extension JSONValue {
    /// The text of a scalar (strings as they are, numbers and booleans in their usual form); nil otherwise.
    var scalarText: String? {
        switch self {
        case .string(let text): text
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    /// The name of the value's YAML type, for messages.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "a sequence"
        case .object: "a mapping"
        }
    }
}
