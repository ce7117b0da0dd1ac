/// One header field as sent or received.
public struct HTTPHeaderField: Sendable, Hashable {
    /// The field name as written (compared case-insensitively).
    public var name: String
    /// The field value, without surrounding white space.
    public var value: String

    /// A field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An ordered list of HTTP header fields with case-insensitive lookup.
public struct HTTPHeaders: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// The fields in wire order.
    public private(set) var fields: [HTTPHeaderField]

    /// Headers from fields in order.
    public init(_ fields: [HTTPHeaderField] = []) { self.fields = fields }

    /// Headers from a literal (order kept).
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { HTTPHeaderField(name: $0.0, value: $0.1) }
    }

    /// The first value of `name`, or nil.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.name.lowercased() == key }?.value
    }

    /// Every value of `name`, in order.
    public func values(for name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.name.lowercased() == key }.map(\.value)
    }

    /// Appends a field (keeps existing ones of the same name).
    public mutating func add(name: String, value: String) {
        fields.append(HTTPHeaderField(name: name, value: value))
    }

    /// Replaces every field named `name` with one field (or removes them when `value` is nil).
    public mutating func replace(name: String, value: String?) {
        let key = name.lowercased()
        fields.removeAll { $0.name.lowercased() == key }
        if let value { fields.append(HTTPHeaderField(name: name, value: value)) }
    }

    /// True when a field named `name` is present.
    public func contains(_ name: String) -> Bool { self[name] != nil }
}
