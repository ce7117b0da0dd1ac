internal import SecurityModel

extension JSONValue {
    /// The integer payload (integral doubles too), or nil.
    var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d == d.rounded() && abs(d) < 9e15: return Int(d)
        default: return nil
        }
    }

    /// The bool payload, or nil.
    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The members of an object, or nil.
    var objectPairs: [(String, JSONValue)]? {
        if case .object(let pairs) = self { return pairs }
        return nil
    }

    /// An array of strings (a lone string counts as a one-element array; null as empty); nil when
    /// the value is something else.
    var stringList: [String]? {
        switch self {
        case .null: return []
        case .string(let s): return [s]
        case .array(let items):
            var out: [String] = []
            for item in items {
                guard let s = item.stringValue else { return nil }
                out.append(s)
            }
            return out
        default: return nil
        }
    }

    /// A string-to-string map (non-string values are skipped; null is empty).
    var stringMap: [String: String] {
        var out: [String: String] = [:]
        for (k, v) in objectPairs ?? [] {
            if let s = v.stringValue { out[k] = s }
        }
        return out
    }

    /// The keys of an object (`ExposedPorts`, `Volumes`), in document order.
    var keys: [String] { (objectPairs ?? []).map(\.0) }
}

enum ImageJSON {
    /// Parses untrusted JSON of at most `limit` bytes, naming `subject` in errors.
    static func parse(_ bytes: [UInt8], subject: String, limit: Int) throws(ImageError) -> JSONValue {
        guard bytes.count <= limit else {
            throw ImageError(
                code: .tooLarge,
                subject: subject,
                message: "document is \(bytes.count) bytes, more than the limit of \(limit)"
            )
        }
        do {
            return try JSONParser.parse(bytes: bytes)
        } catch {
            throw ImageError(code: .malformed, subject: subject, message: "invalid JSON: \(error)", underlying: error)
        }
    }
}
