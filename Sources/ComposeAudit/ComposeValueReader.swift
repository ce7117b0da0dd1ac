import SecurityModel

/// Reads typed keys of one Compose mapping, treating missing and `null` keys as unset and throwing a
/// ``ComposeError`` that names the file, the service, the key path and its line when a key has the wrong type.
///
/// Strings are accepted where Compose casts them after interpolation: `"true"`/`"yes"` for booleans, `"512"`
/// for integers.
struct ComposeValueReader {
    let members: [(String, JSONValue)]
    /// Key path of this mapping (`services.web`, `services.web.deploy.resources`).
    let path: String
    let file: String
    let service: String
    let line: (String) -> Int?

    init(
        _ value: JSONValue,
        path: String,
        file: String,
        service: String,
        line: @escaping (String) -> Int?
    ) throws(ComposeError) {
        self.path = path
        self.file = file
        self.service = service
        self.line = line
        guard let members = value.objectMembers else {
            throw ComposeError(
                code: .wrongType,
                file: file,
                service: service,
                key: path,
                line: line(path),
                message: "must be a mapping, found \(ComposeProjectLoader.kindName(value))"
            )
        }
        self.members = members
    }

    func fieldPath(_ key: String) -> String { "\(path).\(key)" }

    func has(_ key: String) -> Bool { raw(key) != nil }

    func raw(_ key: String) -> JSONValue? {
        guard let value = members.first(where: { $0.0 == key })?.1, value != .null else { return nil }
        return value
    }

    /// A value for a typed (boolean, number, size) key: an empty string, what an unset variable leaves
    /// (`mem_limit: ${MEM}`, already warned about), counts as unset.
    func typed(_ key: String) -> JSONValue? {
        guard let value = raw(key), value != .string("") else { return nil }
        return value
    }

    func error(_ code: ComposeError.Code, _ key: String, _ message: String) -> ComposeError {
        let field = key.isEmpty ? path : fieldPath(key)
        return ComposeError(code: code, file: file, service: service, key: field, line: line(field), message: message)
    }

    func wrongType(_ key: String, _ expected: String, _ value: JSONValue) -> ComposeError {
        error(.wrongType, key, "must be \(expected), found \(ComposeProjectLoader.kindName(value))")
    }

    func bool(_ key: String) throws(ComposeError) -> Bool? {
        guard let value = typed(key) else { return nil }
        if let b = value.booleanValue { return b }
        if let text = value.stringValue {
            switch text.lowercased() {
            case "true", "yes", "y", "on": return true
            case "false", "no", "n", "off": return false
            default: break
            }
        }
        throw wrongType(key, "a boolean", value)
    }

    func string(_ key: String) throws(ComposeError) -> String? {
        guard let value = raw(key) else { return nil }
        guard let text = ComposeValueReader.scalarText(value) else { throw wrongType(key, "a string", value) }
        return text
    }

    func int(_ key: String) throws(ComposeError) -> Int? {
        guard let value = typed(key) else { return nil }
        if let i = value.integerValue { return i }
        if let text = value.stringValue, let i = Int(text.trimmingSpaces()) { return i }
        throw wrongType(key, "an integer", value)
    }

    func double(_ key: String) throws(ComposeError) -> Double? {
        guard let value = typed(key) else { return nil }
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s): if let d = Double(s.trimmingSpaces()) { return d }
        default: break
        }
        throw wrongType(key, "a number", value)
    }

    /// A size in bytes: a number, or a string with an optional unit (`512m`, `1g`, `1.5GB`, `100k`).
    func bytes(_ key: String) throws(ComposeError) -> Int? {
        guard let value = typed(key) else { return nil }
        if let i = value.integerValue { return i }
        guard let text = value.stringValue else { throw wrongType(key, "a byte size such as 512m", value) }
        guard let size = ComposeByteSize.parse(text) else {
            throw error(.invalidValue, key, "`\(text.prefix(40))` is not a byte size (write e.g. 512m or 1g)")
        }
        return size
    }

    /// A sequence of scalars as strings.
    func strings(_ key: String) throws(ComposeError) -> [String]? {
        guard let items = try array(key) else { return nil }
        var out: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = ComposeValueReader.scalarText(item) else {
                throw error(
                    .wrongType,
                    "\(key)[\(index)]",
                    "must be a string, found \(ComposeProjectLoader.kindName(item))"
                )
            }
            out.append(text)
        }
        return out
    }

    func array(_ key: String) throws(ComposeError) -> [JSONValue]? {
        guard let value = raw(key) else { return nil }
        guard let items = value.arrayValue else { throw wrongType(key, "a sequence", value) }
        return items
    }

    func object(_ key: String) throws(ComposeError) -> ComposeValueReader? {
        guard let value = raw(key) else { return nil }
        return try ComposeValueReader(value, path: fieldPath(key), file: file, service: service, line: line)
    }

    /// A reader for an item of a sequence (`services.web.ports[2]`).
    func item(_ value: JSONValue, at itemPath: String) throws(ComposeError) -> ComposeValueReader {
        try ComposeValueReader(value, path: itemPath, file: file, service: service, line: line)
    }

    /// Strings as they are, numbers and booleans as YAML writes them.
    static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .bool(let b): String(b)
        default: nil
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
