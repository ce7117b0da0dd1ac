import SecurityModel

/// Reads typed members of one JSON object, treating missing and `null` members as nil and throwing a
/// ``ContainerConfigError`` naming the dotted field path when a member has the wrong type.
struct JSONFieldReader {
    let members: [(String, JSONValue)]
    let path: String
    let source: String

    init(_ value: JSONValue, path: String, source: String) throws(ContainerConfigError) {
        guard let members = value.objectMembers else {
            throw JSONFieldReader.wrongType(source: source, field: path, expected: "an object", value: value)
        }
        self.members = members
        self.path = path
        self.source = source
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func raw(_ key: String) -> JSONValue? {
        guard let value = members.first(where: { $0.0 == key })?.1, value != .null else { return nil }
        return value
    }

    func string(_ key: String) throws(ContainerConfigError) -> String? {
        guard let value = raw(key) else { return nil }
        guard let s = value.stringValue else { throw mismatch(key, "a string", value) }
        return s
    }

    func bool(_ key: String) throws(ContainerConfigError) -> Bool? {
        guard let value = raw(key) else { return nil }
        guard let b = value.booleanValue else { throw mismatch(key, "a boolean", value) }
        return b
    }

    func int(_ key: String) throws(ContainerConfigError) -> Int? {
        guard let value = raw(key) else { return nil }
        guard let i = value.integerValue else { throw mismatch(key, "an integer", value) }
        return i
    }

    func strings(_ key: String) throws(ContainerConfigError) -> [String]? {
        guard let value = raw(key) else { return nil }
        guard let items = value.arrayValue else { throw mismatch(key, "an array of strings", value) }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard let s = item.stringValue else {
                throw JSONFieldReader.wrongType(
                    source: source,
                    field: "\(fieldPath(key))[\(i)]",
                    expected: "a string",
                    value: item
                )
            }
            out.append(s)
        }
        return out
    }

    func array(_ key: String) throws(ContainerConfigError) -> [JSONValue]? {
        guard let value = raw(key) else { return nil }
        guard let items = value.arrayValue else { throw mismatch(key, "an array", value) }
        return items
    }

    func object(_ key: String) throws(ContainerConfigError) -> JSONFieldReader? {
        guard let value = raw(key) else { return nil }
        return try JSONFieldReader(value, path: fieldPath(key), source: source)
    }

    /// Object member names (`"80/tcp"` keys of `ExposedPorts`).
    func keys(_ key: String) throws(ContainerConfigError) -> [String]? {
        try object(key).map { $0.members.map(\.0) }
    }

    func mismatch(_ key: String, _ expected: String, _ value: JSONValue) -> ContainerConfigError {
        JSONFieldReader.wrongType(source: source, field: fieldPath(key), expected: expected, value: value)
    }

    static func wrongType(source: String, field: String, expected: String, value: JSONValue) -> ContainerConfigError {
        let name = field.isEmpty ? "the document" : "field \(field)"
        return ContainerConfigError(
            code: .wrongType,
            source: source,
            field: field,
            message: "\(source): \(name) must be \(expected), found \(kindName(value))"
        )
    }

    static func kindName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
