internal import SecurityModel
internal import Yams

/// Reads a YAML document into a ``JSONValue`` without constructing Foundation types: plain
/// scalars that YAML resolves to integers, booleans or null become those; everything else,
/// timestamps included, stays the string as written.
enum YAMLDocument {
    /// The first document of `bytes`; throws ``FeedError/Kind/malformed`` naming `path`.
    static func parse(_ bytes: [UInt8], path: String) throws(FeedError) -> JSONValue {
        let text = String(decoding: bytes, as: UTF8.self)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch {
            throw FeedError(.malformed, path: path, reason: "invalid YAML: \(String(describing: error).prefix(300))")
        }
        guard let root else { return .null }
        return try convert(root, path: path, depth: 0)
    }

    private static func convert(_ node: Node, path: String, depth: Int) throws(FeedError) -> JSONValue {
        guard depth < 128 else { throw FeedError(.malformed, path: path, reason: "YAML nested too deeply") }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try convert(item, path: path, depth: depth + 1)) }
            return .array(items)
        case .mapping(let mapping):
            var pairs: [(String, JSONValue)] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw FeedError(.malformed, path: path, reason: "YAML mapping key is not a scalar")
                }
                pairs.append((keyScalar.string, try convert(value, path: path, depth: depth + 1)))
            }
            return .object(pairs)
        case .alias:
            throw FeedError(.malformed, path: path, reason: "YAML aliases are not supported in feed documents")
        }
    }

    /// Resolves a plain scalar like YAML 1.1's core schema does for null, booleans and decimal
    /// integers (the only ones feeds rely on); anything else stays a string.
    private static func scalarValue(_ scalar: Node.Scalar) -> JSONValue {
        let text = scalar.string
        guard scalar.style == .plain else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return .bool(true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return .bool(false)
        default: break
        }
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        if !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text) {
            return .int(value)
        }
        return .string(text)
    }
}
