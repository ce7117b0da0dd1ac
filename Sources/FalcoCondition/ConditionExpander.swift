/// Expands macro references and list names in parsed conditions.
///
/// Macros are expanded recursively; list names inside `in`/`intersects`/`pmatch` lists (and lists
/// after `oneof`/`anyof`/`allof`) are replaced by their items, which may name further lists.
/// A bare word compared with a scalar operator (`proc.name=cat_binaries`) that names a list is
/// replaced too, as Falco does: by the single item of a one-item list, else by the list value.
/// Cycles and unknown macros are errors naming the items involved.
public struct ConditionExpander: Sendable {
    /// List name → raw YAML items (strings as written, e.g. `bash` or `"sh -c whoami"`).
    public var lists: [String: [String]]
    /// Macro name → parsed (unexpanded) condition.
    public var macros: [String: ConditionNode]

    /// Creates an expander over the given lists and macros.
    public init(lists: [String: [String]] = [:], macros: [String: ConditionNode] = [:]) {
        self.lists = lists
        self.macros = macros
    }

    /// `node` with every macro reference and list name replaced.
    public func expand(_ node: ConditionNode) throws(ConditionError) -> ConditionNode {
        var cache = Cache()
        return try expand(node, macroStack: [], cache: &cache)
    }

    /// The fully expanded items of the list `name`.
    public func expandedList(named name: String) throws(ConditionError) -> [ConditionValue] {
        var cache = Cache()
        guard lists[name] != nil else {
            throw ConditionError(code: .unknownList, message: "unknown list '\(name)'")
        }
        return try expandList(name, listStack: [], cache: &cache)
    }

    private struct Cache {
        var macros: [String: ConditionNode] = [:]
        var lists: [String: [ConditionValue]] = [:]
    }

    private func expand(
        _ node: ConditionNode,
        macroStack: [String],
        cache: inout Cache
    ) throws(ConditionError) -> ConditionNode {
        switch node {
        case .and(let operands):
            var out: [ConditionNode] = []
            for operand in operands { out.append(try expand(operand, macroStack: macroStack, cache: &cache)) }
            return .and(out)
        case .or(let operands):
            var out: [ConditionNode] = []
            for operand in operands { out.append(try expand(operand, macroStack: macroStack, cache: &cache)) }
            return .or(out)
        case .not(let operand):
            return .not(try expand(operand, macroStack: macroStack, cache: &cache))
        case .exists:
            return node
        case .comparison(var comparison):
            comparison.value = try expandValue(comparison.value, macroStack: macroStack, cache: &cache)
            return .comparison(comparison)
        case .macroReference(let name):
            if let index = macroStack.firstIndex(of: name) {
                let cycle = (macroStack[index...] + [name]).joined(separator: " -> ")
                throw ConditionError(code: .macroCycle, message: "macro cycle: \(cycle)")
            }
            if let done = cache.macros[name] { return done }
            guard let body = macros[name] else {
                let context = macroStack.last.map { " (in macro '\($0)')" } ?? ""
                throw ConditionError(
                    code: .unknownMacro,
                    message: "Undefined macro '\(name)' used in filter.\(context)"
                )
            }
            let expanded = try expand(body, macroStack: macroStack + [name], cache: &cache)
            cache.macros[name] = expanded
            return expanded
        }
    }

    private func expandValue(
        _ value: ConditionValue,
        macroStack: [String],
        cache: inout Cache
    ) throws(ConditionError) -> ConditionValue {
        switch value {
        case .list(let items):
            return .list(try expandItems(items, listStack: [], cache: &cache))
        case .listName(let name):
            guard lists[name] != nil else {
                let context = macroStack.last.map { " (in macro '\($0)')" } ?? ""
                throw ConditionError(code: .unknownList, message: "unknown list '\(name)'\(context)")
            }
            return .list(try expandList(name, listStack: [], cache: &cache))
        case .bareWord(let word) where lists[word] != nil:
            let items = try expandList(word, listStack: [], cache: &cache)
            return items.count == 1 ? items[0] : .list(items)
        case .string, .bareWord, .number, .field:
            return value
        }
    }

    private func expandItems(
        _ items: [ConditionValue],
        listStack: [String],
        cache: inout Cache
    ) throws(ConditionError) -> [ConditionValue] {
        var out: [ConditionValue] = []
        for item in items {
            if case .bareWord(let word) = item, lists[word] != nil {
                out += try expandList(word, listStack: listStack, cache: &cache)
            } else {
                out.append(item)
            }
        }
        return out
    }

    private func expandList(
        _ name: String,
        listStack: [String],
        cache: inout Cache
    ) throws(ConditionError) -> [ConditionValue] {
        if let index = listStack.firstIndex(of: name) {
            let cycle = (listStack[index...] + [name]).joined(separator: " -> ")
            throw ConditionError(code: .listCycle, message: "list cycle: \(cycle)")
        }
        if let done = cache.lists[name] { return done }
        let raw = (lists[name] ?? []).map(ConditionParser.listItemValue)
        let expanded = try expandItems(raw, listStack: listStack + [name], cache: &cache)
        cache.lists[name] = expanded
        return expanded
    }
}
