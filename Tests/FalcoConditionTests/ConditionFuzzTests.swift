import FalcoCondition
import TestSupport
import Testing

@Suite struct ConditionFuzzTests {
    private static let tokens = [
        "and", "or", "not", "(", ")", "(", ")", ",", "=", "==", "!=", "<", "<=", ">", ">=", "exists", "in",
        "contains", "pmatch", "intersects", "glob", "anyof", "proc.name", "fd.name", "proc.aname[2]",
        "proc.env[", "]", "[", "tolower(", "val(", "len(", "\"quoted\"", "\"", "'", "\\", "\\x4", "0x1F",
        "-1.5e3", "bash", "macro_x", "evt.type", "é", "\n", " ", "\t", "runc:[0:PARENT]",
    ]

    @Test func randomTokenSoupParsesOrFails() {
        var random = SplitMix64(seed: 0xC0FFEE)
        var parsed = 0
        var failed = 0
        for _ in 0..<5_000 {
            let count = Int(random.next() % 24)
            var text = ""
            for _ in 0..<count {
                text += random.pick(Self.tokens)
                if !random.oneIn(4) { text += " " }
            }
            switch Result(catching: { () throws(ConditionError) in try ConditionParser.parse(text) }) {
            case .success(let node):
                parsed += 1
                #expect((try? ConditionParser.parse(node.description)) == node, "\(text)")
            case .failure(let error):
                failed += 1
                #expect(error.column != nil && error.line != nil, "\(text)")
            }
        }
        #expect(parsed > 0)
        #expect(failed > 0)
    }

    @Test func mutatedCorpusConditionsParseOrFail() throws {
        guard let items = try CorpusRules.load() else { return }
        let conditions = items.compactMap(\.condition)
        var random = SplitMix64(seed: 42)
        let alphabet = Array("()\"' ,=!<>[]\\andornotx.y0\n")
        var outcomes = (parsed: 0, failed: 0)
        for _ in 0..<3_000 {
            var scalars = Array(random.pick(conditions))
            for _ in 0...Int(random.next() % 4) where !scalars.isEmpty {
                let index = Int(random.next() % UInt64(scalars.count))
                switch random.next() % 3 {
                case 0: scalars.remove(at: index)
                case 1: scalars.insert(random.pick(alphabet), at: index)
                default: scalars[index] = random.pick(alphabet)
                }
            }
            let text = String(scalars)
            switch Result(catching: { () throws(ConditionError) in try ConditionParser.parse(text) }) {
            case .success(let node):
                outcomes.parsed += 1
                #expect((try? ConditionParser.parse(node.description)) == node, "\(text)")
            case .failure(let error):
                outcomes.failed += 1
                #expect(error.offset.map { $0 <= text.utf8.count } == true)
            }
        }
        #expect(outcomes.parsed > 100)
        #expect(outcomes.failed > 100)
    }

    @Test func randomListItemsNeverCrashTheExpander() {
        var random = SplitMix64(seed: 7)
        let names = ["a", "b", "c", "d"]
        for _ in 0..<500 {
            var lists: [String: [String]] = [:]
            for name in names where !random.oneIn(4) {
                lists[name] = (0..<Int(random.next() % 4)).map { _ in random.pick(names + ["x", "\"q\"", "1"]) }
            }
            let expander = ConditionExpander(lists: lists)
            let node = ConditionNode.comparison(
                Comparison(
                    field: FieldReference(name: "proc.name"),
                    comparisonOperator: .in,
                    value: .list([.bareWord(random.pick(names))])
                )
            )
            switch Result(catching: { () throws(ConditionError) in try expander.expand(node) }) {
            case .success(let expanded): #expect(!expanded.description.isEmpty)
            case .failure(let error): #expect(error.code == .listCycle)
            }
        }
    }
}
