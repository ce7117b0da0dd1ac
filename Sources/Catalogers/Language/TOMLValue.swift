/// A value read by ``TOMLParser``: enough of TOML 1.0 for lock files (`Cargo.lock`, `poetry.lock`).
enum TOMLValue: Equatable, Sendable {
    case string(String)
    case bool(Bool)
    /// Integers, floats, dates and times, kept as written.
    case scalar(String)
    case array([TOMLValue])
    /// Key/value pairs in file order.
    case table([(String, TOMLValue)])

    static func == (a: TOMLValue, b: TOMLValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.scalar(let x), .scalar(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.table(let x), .table(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The member `key` of a table.
    subscript(key: String) -> TOMLValue? {
        guard case .table(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Moves out an array payload, leaving `.bool(false)`; nil (and unchanged) for other values.
    mutating func takeArray() -> [TOMLValue]? {
        guard case .array(let items) = self else { return nil }
        self = .bool(false)
        return items
    }

    /// Moves out a table payload, leaving `.bool(false)`; nil (and unchanged) for other values.
    mutating func takeTable() -> [(String, TOMLValue)]? {
        guard case .table(let pairs) = self else { return nil }
        self = .bool(false)
        return pairs
    }

    var arrayValue: [TOMLValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
}
