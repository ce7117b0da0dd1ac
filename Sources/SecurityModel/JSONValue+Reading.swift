extension JSONValue {
    /// The members of an object, or nil.
    public var objectMembers: [(String, JSONValue)]? {
        if case .object(let pairs) = self { return pairs }
        return nil
    }

    /// The integer payload (an integral double counts), or nil.
    public var integerValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d): return Int(exactly: d)
        default: return nil
        }
    }

    /// The boolean payload, or nil.
    public var booleanValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The string payload when it is a non-empty string, else nil.
    public var nonEmptyString: String? {
        guard case .string(let s) = self, !s.isEmpty else { return nil }
        return s
    }

    /// The array payload, or an empty array when the value is missing or not an array.
    public var items: [JSONValue] { arrayValue ?? [] }

    /// The string elements of an array (others skipped).
    public var strings: [String] { items.compactMap(\.stringValue) }
}
