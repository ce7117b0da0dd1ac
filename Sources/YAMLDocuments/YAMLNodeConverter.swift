internal import SecurityModel
internal import Yams

/// Converts a Yams node tree into a ``JSONValue``, counting every node it produces (an alias counts again at
/// each use) and giving up once the budget is spent, so that alias bombs cannot exhaust memory or time.
///
/// Aliases arrive already resolved: `Yams.compose` replaces each `*name` by the anchored node. YAML merge keys
/// (`<<: *base`, `<<: [*a, *b]`) are applied here: keys written in the mapping win over merged ones, and an
/// earlier map of a merge list wins over a later one (the YAML 1.1 merge type, as PyYAML and go-yaml apply it).
/// Nesting is bounded too: aliases can build trees deeper than the parser's own limit, and both the conversion
/// and the merge resolution recurse.
struct YAMLNodeConverter {
    /// Why a conversion stopped.
    enum Stop: Error {
        /// The node budget ran out.
        case budget
        /// The tree (through aliases or merge chains) is nested deeper than ``maximumDepth``.
        case depth
        /// A merge key's value is not a mapping or a sequence of mappings; line in the whole text.
        case invalidMerge(line: Int?)
    }

    /// Deepest nesting accepted (the YAML parser stops at 1000 levels of its own; aliases can go further).
    static let maximumDepth = 1000

    private var remaining: Int
    private let lineOffset: Int
    /// How plain scalars are typed (the parser runs with `Resolver.basic`, so every implicit tag reads `str`).
    private let schema: YAMLDocumentReader.Schema
    /// Key path → 1-based line in the whole text, when recording (see ``YAMLDocumentReader/Document/lines``).
    private(set) var lines: [String: Int]?

    /// A converter spending at most `budget` nodes; marks are shifted by `lineOffset` lines.
    init(budget: Int, lineOffset: Int = 0, recordsLines: Bool = false, schema: YAMLDocumentReader.Schema = .yaml11) {
        remaining = budget
        self.schema = schema
        self.lineOffset = lineOffset
        lines = recordsLines ? [:] : nil
    }

    /// The value of `node`.
    mutating func convert(_ node: Node) throws(Stop) -> JSONValue {
        try convert(node, path: lines == nil ? nil : "", depth: 0)
    }

    private mutating func spend() throws(Stop) {
        guard remaining > 0 else { throw .budget }
        remaining -= 1
    }

    private mutating func record(_ path: String?, _ mark: Mark?) {
        guard let path, let mark, lines != nil else { return }
        lines?[path] = mark.line + lineOffset
    }

    private mutating func convert(_ node: Node, path: String?, depth: Int) throws(Stop) -> JSONValue {
        try spend()
        guard depth < Self.maximumDepth else { throw .depth }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, tag: node.tag.rawValue)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for (index, child) in sequence.enumerated() {
                let childPath = path.map { "\($0)[\(index)]" }
                record(childPath, child.mark)
                items.append(try convert(child, path: childPath, depth: depth + 1))
            }
            return .array(items)
        case .mapping(let mapping):
            var pairs: [(String, JSONValue)] = []
            for (key, child) in try effectivePairs(mapping, depth: depth) {
                try spend()
                let name = Self.keyName(key)
                let childPath = path.map { $0.isEmpty ? name : "\($0).\(name)" }
                record(childPath, key.mark)
                pairs.append((name, try convert(child, path: childPath, depth: depth + 1)))
            }
            return .object(pairs)
        case .alias:
            // `Yams.compose` resolves every alias to its anchored node; an alias node is only built by callers
            // constructing trees for the emitter.
            return .null
        }
    }

    /// The pairs of `mapping` with merge keys applied: explicit keys first win, then merged maps in order.
    private mutating func effectivePairs(_ mapping: Node.Mapping, depth: Int) throws(Stop) -> [(Node, Node)] {
        guard mapping.contains(where: { Self.isMergeKey($0.key) }) else { return mapping.map { ($0.key, $0.value) } }
        guard depth < Self.maximumDepth else { throw .depth }
        var seen = Set(mapping.filter { !Self.isMergeKey($0.key) }.map { Self.keyName($0.key) })
        var pairs: [(Node, Node)] = []
        for (key, value) in mapping {
            guard Self.isMergeKey(key) else {
                pairs.append((key, value))
                continue
            }
            let sources: [Node]
            switch value {
            case .mapping: sources = [value]
            case .sequence(let sequence): sources = Array(sequence)
            default: throw .invalidMerge(line: value.mark.map { $0.line + lineOffset })
            }
            for source in sources {
                guard case .mapping(let merged) = source else {
                    throw .invalidMerge(line: source.mark.map { $0.line + lineOffset })
                }
                for (mergedKey, mergedValue) in try effectivePairs(merged, depth: depth + 1) {
                    try spend()
                    guard seen.insert(Self.keyName(mergedKey)).inserted else { continue }
                    pairs.append((mergedKey, mergedValue))
                }
            }
        }
        return pairs
    }

    /// A plain `<<` key (an explicit `!!merge` tag too); a quoted `"<<"` is an ordinary key.
    private static func isMergeKey(_ key: Node) -> Bool {
        guard case .scalar(let scalar) = key, scalar.string == "<<" else { return false }
        let tag = key.tag.rawValue
        return tag == Tag.Name.merge.rawValue || (tag == Tag.Name.str.rawValue && scalar.style == .plain)
    }

    private static func keyName(_ key: Node) -> String { key.scalar?.string ?? "\(key)" }

    /// A scalar's value: explicitly tagged scalars by their tag, quoted ones as strings, plain ones by
    /// ``PlainScalarType`` under the reader's schema.
    private func scalarValue(_ scalar: Node.Scalar, tag: String) -> JSONValue {
        guard tag == Tag.Name.str.rawValue else { return Self.scalar(scalar, tag: tag) }
        guard scalar.style == .plain else { return .string(scalar.string) }
        switch PlainScalarType.of(scalar.string, schema: schema) {
        case .null: return .null
        case .bool:
            // Yams' Bool.construct refuses scalars whose resolved tag is `str`, which every implicit one is here.
            switch scalar.string.lowercased() {
            case "true", "yes", "on": return .bool(true)
            case "false", "no", "off": return .bool(false)
            default: return .string(scalar.string)
            }
        case .int: return Self.scalar(scalar, tag: Tag.Name.int.rawValue)
        case .float: return Self.scalar(scalar, tag: Tag.Name.float.rawValue)
        case .merge, .timestamp, .value, .string: return .string(scalar.string)
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
