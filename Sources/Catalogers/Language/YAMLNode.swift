/// A node read by ``YAMLSubsetParser``: what lock files (`pnpm-lock.yaml`, yarn berry `yarn.lock`) use.
enum YAMLNode: Equatable, Sendable {
    case null
    /// Every scalar is kept as text (`5.3`, `true`, `'9.0'` → `9.0`).
    case scalar(String)
    case sequence([YAMLNode])
    /// Key/value pairs in file order.
    case mapping([(String, YAMLNode)])

    static func == (a: YAMLNode, b: YAMLNode) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.scalar(let x), .scalar(let y)): return x == y
        case (.sequence(let x), .sequence(let y)): return x == y
        case (.mapping(let x), .mapping(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value of `key` in a mapping.
    subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The text of a scalar.
    var scalarValue: String? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    /// The pairs of a mapping (empty otherwise).
    var pairs: [(String, YAMLNode)] {
        if case .mapping(let p) = self { return p }
        return []
    }
}
