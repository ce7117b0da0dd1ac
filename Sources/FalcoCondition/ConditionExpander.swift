/// Expands macro references and list names in parsed conditions.
///
/// Macros are expanded recursively; list names inside `in`/`intersects`/`pmatch` lists (and lists
/// after `oneof`/`anyof`/`allof`) are replaced by their items, which may name further lists.
/// A bare word compared with a scalar operator (`proc.name=cat_binaries`) that names a list is
/// replaced too, as Falco does: by the single item of a one-item list, else by the list value.
/// Cycles and unknown macros are errors naming the items involved.
///
/// Hostile rule sets cannot exhaust the stack, memory or time:
/// - macros and lists are resolved bottom-up with an explicit work stack, each once per call
///   (``expand(_:)-(ConditionNode)`` or one batch of ``expand(_:)-([ConditionNode])``), so a chain of
///   10 000 macros or lists costs linear time and no recursion; only the given trees and macro bodies
///   are walked recursively, and trees from ``ConditionParser`` nest at most
///   ``ConditionParser/defaultMaximumDepth`` levels;
/// - an expanded condition nests at most ``maximumDepth`` levels of `and`/`or`/`not` (code
///   ``ConditionError/Code/tooDeep``), so code walking it recursively needs a bounded stack;
/// - an expanded condition has at most ``maximumSize`` nodes, list items included (code
///   ``ConditionError/Code/tooLarge``): `macro a = b and b`, `b = c and c`, … would otherwise double at
///   each level. The error names the first macro or list (bottom-up) that goes over the limit.
public struct ConditionExpander: Sendable {
    /// The default ``maximumDepth``.
    public static let defaultMaximumDepth = 100
    /// The default ``maximumSize``.
    public static let defaultMaximumSize = 500_000

    /// List name → raw YAML items (strings as written, e.g. `bash` or `"sh -c whoami"`).
    public var lists: [String: [String]]
    /// Macro name → parsed (unexpanded) condition.
    public var macros: [String: ConditionNode]
    /// Most levels of `and`/`or`/`not` an expanded condition may nest (a lone check is 0 levels, `not a` 1).
    /// The default is the parser's nesting limit: a rule engine walking expanded conditions recursively needs
    /// stack for this many levels.
    public var maximumDepth: Int
    /// Most nodes an expanded condition (or an expanded list) may have: one per `and`, `or`, `not`,
    /// check, plus one per list item.
    public var maximumSize: Int

    /// Creates an expander over the given lists and macros.
    public init(
        lists: [String: [String]] = [:],
        macros: [String: ConditionNode] = [:],
        maximumDepth: Int = ConditionExpander.defaultMaximumDepth,
        maximumSize: Int = ConditionExpander.defaultMaximumSize
    ) {
        self.lists = lists
        self.macros = macros
        self.maximumDepth = maximumDepth
        self.maximumSize = maximumSize
    }

    /// `node` with every macro reference and list name replaced.
    public func expand(_ node: ConditionNode) throws(ConditionError) -> ConditionNode {
        var memo = ExpansionMemo()
        return try expandRoot(node, memo: &memo)
    }

    /// Each of `nodes` expanded, sharing the work of expanding the macros and lists they use: a rule set
    /// is checked in time linear in its size.
    public func expand(_ nodes: [ConditionNode]) -> [Result<ConditionNode, ConditionError>] {
        var memo = ExpansionMemo()
        return nodes.map { node in
            do throws(ConditionError) {
                return .success(try expandRoot(node, memo: &memo))
            } catch {
                return .failure(error)
            }
        }
    }

    /// The fully expanded items of the list `name`.
    public func expandedList(named name: String) throws(ConditionError) -> [ConditionValue] {
        guard lists[name] != nil else {
            throw ConditionError(code: .unknownList, message: "unknown list '\(name)'")
        }
        var memo = ExpansionMemo()
        return try resolveList(name, context: nil, memo: &memo)
    }

    // MARK: Conditions

    private func expandRoot(_ node: ConditionNode, memo: inout ExpansionMemo) throws(ConditionError) -> ConditionNode {
        let expanded = try substitute(node, in: nil, memo: &memo)
        try check(expanded, item: nil)
        return expanded.node
    }

    /// Throws when `expanded` is over the depth or size limit; `item` is the macro being expanded, if any.
    private func check(_ expanded: ExpandedNode, item: String?) throws(ConditionError) {
        if expanded.depth > maximumDepth {
            let place = item.map { "macro '\($0)'" } ?? "the condition"
            let via = expanded.deepestMacro.flatMap { $0 == item ? nil : " (through macro '\($0)')" } ?? ""
            throw ConditionError(
                code: .tooDeep,
                message: "\(place) expands to \(expanded.depth) nested levels of and/or/not\(via), "
                    + "more than the limit of \(maximumDepth)",
                item: item
            )
        }
        if expanded.size > maximumSize {
            let place = item.map { "macro '\($0)'" } ?? "the condition"
            throw ConditionError(
                code: .tooLarge,
                message: "\(place) expands to more than \(maximumSize) nodes (macros or lists used too many times)",
                item: item
            )
        }
    }

    /// Resolves `root` and every macro it reaches, deepest first, without recursion; stores results
    /// (or errors) in `memo`.
    private func resolveMacros(
        from root: String,
        referencedBy referrer: String?,
        memo: inout ExpansionMemo
    ) throws(ConditionError) {
        guard macros[root] != nil else {
            let context = referrer.map { " (in macro '\($0)')" } ?? ""
            throw ConditionError(code: .unknownMacro, message: "Undefined macro '\(root)' used in filter.\(context)")
        }
        var stack: [(name: String, pending: [String])] = [(root, pendingReferences(of: root))]
        var onStack: Set<String> = [root]
        while let top = stack.last {
            if let next = stack[stack.count - 1].pending.popLast() {
                if memo.macros[next] != nil { continue }
                if onStack.contains(next) {
                    let names = stack.map(\.name)
                    let start = names.firstIndex(of: next) ?? 0
                    let cycle = Self.abbreviated(Array(names[start...]) + [next])
                    let error = ConditionError(code: .macroCycle, message: "macro cycle: \(cycle)", item: next)
                    for entry in stack { memo.macros[entry.name] = .failure(error) }
                    throw error
                }
                guard macros[next] != nil else {
                    let error = ConditionError(
                        code: .unknownMacro,
                        message: "Undefined macro '\(next)' used in filter. (in macro '\(top.name)')",
                        item: top.name
                    )
                    for entry in stack { memo.macros[entry.name] = .failure(error) }
                    throw error
                }
                onStack.insert(next)
                stack.append((next, pendingReferences(of: next)))
                continue
            }
            stack.removeLast()
            onStack.remove(top.name)
            memo.macros[top.name] = resolveMacro(top.name, memo: &memo)
        }
    }

    private func pendingReferences(of macro: String) -> [String] {
        (macros[macro]?.macroReferences ?? []).sorted(by: >)
    }

    /// The expansion of one macro whose references are all resolved already.
    private func resolveMacro(_ name: String, memo: inout ExpansionMemo) -> Result<ExpandedNode, ConditionError> {
        guard let body = macros[name] else {
            return .failure(ConditionError(code: .unknownMacro, message: "Undefined macro '\(name)' used in filter."))
        }
        do throws(ConditionError) {
            let expanded = try substitute(body, in: name, memo: &memo)
            try check(expanded, item: name)
            return .success(expanded)
        } catch {
            return .failure(error)
        }
    }

    /// `node` with macro references taken from `memo` (all resolved) and lists expanded.
    private func substitute(
        _ node: ConditionNode,
        in macro: String?,
        memo: inout ExpansionMemo
    ) throws(ConditionError) -> ExpandedNode {
        switch node {
        case .and(let operands), .or(let operands):
            var out: [ConditionNode] = []
            out.reserveCapacity(operands.count)
            var size = 1
            var depth = 0
            var deepest: String?
            for operand in operands {
                let expanded = try substitute(operand, in: macro, memo: &memo)
                out.append(expanded.node)
                size += expanded.size
                if expanded.depth > depth {
                    depth = expanded.depth
                    deepest = expanded.deepestMacro
                }
                if size > maximumSize { try check(ExpandedNode(node: node, size: size, depth: 1), item: macro) }
            }
            let result: ConditionNode
            if case .and = node { result = .and(out) } else { result = .or(out) }
            return ExpandedNode(node: result, size: size, depth: depth + 1, deepestMacro: deepest)
        case .not(let operand):
            let expanded = try substitute(operand, in: macro, memo: &memo)
            return ExpandedNode(
                node: .not(expanded.node),
                size: expanded.size + 1,
                depth: expanded.depth + 1,
                deepestMacro: expanded.deepestMacro
            )
        case .exists:
            return ExpandedNode(node: node, size: 1, depth: 0)
        case .comparison(var comparison):
            let (value, items) = try expandValue(comparison.value, in: macro, memo: &memo)
            comparison.value = value
            return ExpandedNode(node: .comparison(comparison), size: 1 + items, depth: 0)
        case .macroReference(let name):
            guard let resolved = memo.macros[name] else {
                try resolveMacros(from: name, referencedBy: macro, memo: &memo)
                return try substitute(node, in: macro, memo: &memo)
            }
            switch resolved {
            case .success(var expanded):
                expanded.deepestMacro = name
                return expanded
            case .failure(let error):
                throw error
            }
        }
    }

    /// The expanded value and its number of list items.
    private func expandValue(
        _ value: ConditionValue,
        in macro: String?,
        memo: inout ExpansionMemo
    ) throws(ConditionError) -> (ConditionValue, Int) {
        switch value {
        case .list(let items):
            let expanded = try expandItems(items, context: macro.map { "macro '\($0)'" }, memo: &memo)
            return (.list(expanded), expanded.count)
        case .listName(let name):
            guard lists[name] != nil else {
                let context = macro.map { " (in macro '\($0)')" } ?? ""
                throw ConditionError(code: .unknownList, message: "unknown list '\(name)'\(context)")
            }
            let items = try resolveList(name, context: macro.map { "macro '\($0)'" }, memo: &memo)
            return (.list(items), items.count)
        case .bareWord(let word) where lists[word] != nil:
            let items = try resolveList(word, context: macro.map { "macro '\($0)'" }, memo: &memo)
            return items.count == 1 ? (items[0], 1) : (.list(items), items.count)
        case .string, .bareWord, .number, .field:
            return (value, 0)
        }
    }

    // MARK: Lists

    /// `items` with list names replaced by their (resolved) items.
    private func expandItems(
        _ items: [ConditionValue],
        context: String?,
        memo: inout ExpansionMemo
    ) throws(ConditionError) -> [ConditionValue] {
        var out: [ConditionValue] = []
        out.reserveCapacity(items.count)
        for item in items {
            if case .bareWord(let word) = item, lists[word] != nil {
                let expanded = try resolveList(word, context: context, memo: &memo)
                try checkListSize(out.count + expanded.count, context: context)
                out += expanded
            } else {
                out.append(item)
                try checkListSize(out.count, context: context)
            }
        }
        return out
    }

    private func checkListSize(_ count: Int, context: String?) throws(ConditionError) {
        if count > maximumSize {
            throw ConditionError(
                code: .tooLarge,
                message: "a list in \(context ?? "the condition") expands to more than \(maximumSize) items "
                    + "(lists used too many times)"
            )
        }
    }

    /// The items of list `root`, resolving it and every list it names deepest first, without recursion.
    private func resolveList(
        _ root: String,
        context: String?,
        memo: inout ExpansionMemo
    ) throws(ConditionError) -> [ConditionValue] {
        if let done = memo.lists[root] { return try done.get() }
        var stack: [(name: String, pending: [String])] = [(root, listReferences(of: root).reversed())]
        var onStack: Set<String> = [root]
        while let top = stack.last {
            if let next = stack[stack.count - 1].pending.popLast() {
                if memo.lists[next] != nil { continue }
                if onStack.contains(next) {
                    let names = stack.map(\.name)
                    let start = names.firstIndex(of: next) ?? 0
                    let cycle = Self.abbreviated(Array(names[start...]) + [next])
                    let error = ConditionError(code: .listCycle, message: "list cycle: \(cycle)", item: next)
                    for entry in stack { memo.lists[entry.name] = .failure(error) }
                    throw error
                }
                onStack.insert(next)
                stack.append((next, listReferences(of: next).reversed()))
                continue
            }
            stack.removeLast()
            onStack.remove(top.name)
            memo.lists[top.name] = resolvedList(top.name, memo: memo)
        }
        return try (memo.lists[root] ?? .success([])).get()
    }

    /// The names of the lists that list `name`'s items name, in item order.
    private func listReferences(of name: String) -> [String] {
        (lists[name] ?? []).compactMap { raw in
            if case .bareWord(let word) = ConditionParser.listItemValue(raw), lists[word] != nil { return word }
            return nil
        }
    }

    /// The items of list `name`, whose referenced lists are all resolved in `memo`.
    private func resolvedList(_ name: String, memo: ExpansionMemo) -> Result<[ConditionValue], ConditionError> {
        var out: [ConditionValue] = []
        for raw in lists[name] ?? [] {
            let item = ConditionParser.listItemValue(raw)
            if case .bareWord(let word) = item, let nested = memo.lists[word] {
                switch nested {
                case .success(let items):
                    guard out.count + items.count <= maximumSize else { return .failure(listTooLarge(name)) }
                    out += items
                case .failure(let error):
                    return .failure(error)
                }
            } else {
                out.append(item)
                guard out.count <= maximumSize else { return .failure(listTooLarge(name)) }
            }
        }
        return .success(out)
    }

    private func listTooLarge(_ name: String) -> ConditionError {
        ConditionError(
            code: .tooLarge,
            message: "list '\(name)' expands to more than \(maximumSize) items (lists used too many times)",
            item: name
        )
    }

    /// `a -> b -> c`, with the middle left out when the chain is long.
    static func abbreviated(_ names: [String]) -> String {
        guard names.count > 12 else { return names.joined(separator: " -> ") }
        let head = names.prefix(5).joined(separator: " -> ")
        let tail = names.suffix(5).joined(separator: " -> ")
        return "\(head) -> … (\(names.count - 10) more) -> \(tail)"
    }
}
