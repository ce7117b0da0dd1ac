internal import SecurityModel
internal import Yams

/// Converts a Yams node tree into a ``JSONValue``, counting every node it produces (an alias counts again at
/// each use) and giving up once the budget is spent, so that alias bombs cannot exhaust memory or time.
struct YAMLNodeConverter {
    private var remaining: Int

    init(budget: Int) { remaining = budget }

    /// The value, or nil when the node budget ran out.
    mutating func convert(_ node: Node) -> JSONValue? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        switch node {
        case .scalar(let scalar):
            return Self.scalar(scalar, tag: node.tag.rawValue)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for child in sequence {
                guard let value = convert(child) else { return nil }
                items.append(value)
            }
            return .array(items)
        case .mapping(let mapping):
            var pairs: [(String, JSONValue)] = []
            for (key, child) in mapping {
                guard let value = convert(child) else { return nil }
                remaining -= 1
                pairs.append((key.scalar?.string ?? "\(key)", value))
            }
            return .object(pairs)
        case .alias:
            return .null
        }
    }

    private static func scalar(_ scalar: Node.Scalar, tag: String) -> JSONValue {
        let text = scalar.string
        switch tag {
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue: return Bool.construct(from: scalar).map(JSONValue.bool) ?? .string(text)
        case Tag.Name.int.rawValue:
            if let value = Int.construct(from: scalar) { return .int(value) }
            return Double.construct(from: scalar).map(JSONValue.double) ?? .string(text)
        case Tag.Name.float.rawValue: return Double.construct(from: scalar).map(JSONValue.double) ?? .string(text)
        default: return .string(text)
        }
    }
}
