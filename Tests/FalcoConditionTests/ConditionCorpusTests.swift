import FalcoCondition
import Testing

@Suite struct ConditionCorpusTests {
    @Test func everyCorpusConditionParses() throws {
        guard let items = try CorpusRules.load() else { return }
        let conditions = items.compactMap { item in item.condition.map { (item, $0) } }
        var parsed = 0
        for (item, condition) in conditions {
            do {
                _ = try ConditionParser.parse(condition)
                parsed += 1
            } catch {
                Issue.record("\(item.file): \(item.kind) '\(item.name)': \(error)")
            }
        }
        print("FalcoCondition corpus: \(parsed) of \(conditions.count) conditions parse")
        #expect(conditions.count > 400)
        #expect(parsed == conditions.count)
    }

    @Test func printingThenParsingGivesTheSameTree() throws {
        guard let items = try CorpusRules.load() else { return }
        var checked = 0
        for item in items {
            guard let condition = item.condition, let node = try? ConditionParser.parse(condition) else { continue }
            let printed = node.description
            let reparsed = try ConditionParser.parse(printed)
            #expect(reparsed == node, "\(item.kind) '\(item.name)': \(printed)")
            #expect(reparsed.description == printed)
            checked += 1
        }
        #expect(checked > 400)
    }

    @Test func stableRulesExpandWithoutUnknownReferences() throws {
        guard let items = try CorpusRules.load([CorpusRules.files[0]]) else { return }
        let expander = try Self.expander(for: items)
        var rules = 0
        var restricted = 0
        for item in items where item.kind == "rule" {
            guard let condition = item.condition else { continue }
            let expanded = try expander.expand(try ConditionParser.parse(condition))
            #expect(expanded.macroReferences.isEmpty, "rule '\(item.name)'")
            #expect(!Self.containsListName(expanded), "rule '\(item.name)'")
            if expanded.allowedEventTypes != nil { restricted += 1 }
            rules += 1
        }
        print("FalcoCondition corpus: \(rules) stable rules expanded, \(restricted) restricted by evt.type")
        #expect(rules > 20)
        #expect(restricted > rules / 2)
    }

    @Test func allThreeFilesExpandTogether() throws {
        guard let items = try CorpusRules.load() else { return }
        let expander = try Self.expander(for: items)
        var expanded = 0
        let rules = items.filter { $0.kind == "rule" }.count
        for item in items where item.kind == "rule" {
            guard let condition = item.condition else { continue }
            let node = try ConditionParser.parse(condition)
            let outcome = Result { () throws(ConditionError) -> ConditionNode in try expander.expand(node) }
            switch outcome {
            case .success: expanded += 1
            case .failure(let error):
                #expect(error.code == .unknownMacro || error.code == .unknownList, "\(error)")
                #expect(error.message.contains("'"))
            }
        }
        print("FalcoCondition corpus: \(expanded) of \(rules) rules of all three files expand")
        #expect(rules > 80)
        #expect(expanded == rules)
    }

    @Test func spawnedProcessAllowsExecveOnly() throws {
        guard let items = try CorpusRules.load([CorpusRules.files[0]]) else { return }
        let expander = try Self.expander(for: items)
        let shell = try #require(items.first { $0.name == "Terminal shell in container" }?.condition)
        let types = try expander.expand(try ConditionParser.parse(shell)).allowedEventTypes
        #expect(types == ["execve", "execveat"])
    }

    static func expander(for items: [CorpusItem]) throws -> ConditionExpander {
        var lists: [String: [String]] = [:]
        var macros: [String: ConditionNode] = [:]
        for item in items {
            if item.kind == "list" { lists[item.name] = item.items }
            if item.kind == "macro", let condition = item.condition {
                macros[item.name] = try ConditionParser.parse(condition)
            }
        }
        return ConditionExpander(lists: lists, macros: macros)
    }

    static func containsListName(_ node: ConditionNode) -> Bool {
        switch node {
        case .and(let operands), .or(let operands): return operands.contains(where: containsListName)
        case .not(let operand): return containsListName(operand)
        case .comparison(let comparison):
            if case .listName = comparison.value { return true }
            return false
        case .exists, .macroReference: return false
        }
    }
}
