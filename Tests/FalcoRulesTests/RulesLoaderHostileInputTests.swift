import FalcoCondition
import FalcoRules
import TestSupport
import Testing

/// Issue 6, bad input: malformed and hostile rules files give diagnostics naming the file, the line and the
/// item, never a crash, a stack overflow or a run-away expansion.
@Suite struct RulesLoaderHostileInputTests {
    private func load(_ text: String, path: String = "hostile.yaml") -> RuleSet {
        RulesLoader().load(path: path, text: text)
    }

    private func single(_ set: RuleSet, _ code: RulesDiagnostic.Code) -> RulesDiagnostic? {
        let matching = set.diagnostics.filter { $0.code == code }
        #expect(matching.count == 1, "\(set.diagnostics)")
        return matching.first
    }

    // MARK: YAML

    @Test func aYAMLSyntaxErrorNamesTheLineAndColumn() throws {
        let set = load("- list: a\n  items: [x, y]\n- rule: r\n  desc: [unclosed\n  output: o\n")
        let error = try #require(single(set, .invalidYAML))
        #expect(error.file == "hostile.yaml" && error.severity == .error)
        #expect((4...5).contains(error.line), "\(error)")
        #expect(error.message.contains("column"), "\(error)")
        #expect(error.description.hasPrefix("hostile.yaml:\(error.line): error: "))
    }

    @Test func aliasAndMergeBombsStopAtTheNodeBudget() throws {
        var bomb = "- list: bomb\n  items: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            bomb += "- list: bomb\(level)\n  items: &l\(level) [\(refs)]\n"
        }
        let set = load(bomb)
        let error = try #require(single(set, .invalidYAML))
        #expect(error.message.contains("\(RulesLoader.defaultMaximumYAMLNodes) nodes"), "\(error)")
        #expect(error.line == 1)

        // The budget is the loader's to set.
        var small = RulesLoader()
        small.maximumYAMLNodes = 50
        let smallSet = small.load(
            path: "s.yaml",
            text: "- list: l\n  items: [\((0..<100).map(String.init).joined(separator: ", "))]\n"
        )
        #expect(smallSet.diagnostics.map(\.code) == [.invalidYAML])
    }

    @Test func mergeKeyBombsStopAtTheNodeBudget() throws {
        var merge = "- &m0 {macro: m, condition: evt.type=open}\n"
        for level in 1...30 { merge += "- &m\(level) {<<: [*m\(level - 1), *m\(level - 1)], x\(level): 1}\n" }
        let mergeSet = load(merge)
        #expect(mergeSet.diagnostics.map(\.code) == [.invalidYAML], "\(mergeSet.diagnostics)")
        #expect(mergeSet.diagnostics.first?.message.contains("nodes") == true)
    }

    @Test(arguments: [
        ("just a string", "found"), ("42", "found"), ("{rule: x}", "sequence"), ("true", "found"),
    ])
    func aTopLevelThatIsNotASequenceIsAnError(text: String, phrase: String) throws {
        let error = try #require(single(load(text), .notASequence))
        #expect(error.line == 1 && error.itemKind == .rulesContent && error.message.contains(phrase))
    }

    @Test func itemsThatAreNotMappingsAndUnknownKeysAreNamed() throws {
        let set = load(
            """
            - just a scalar
            - [a, list]
            - rule: r
              desc: d
              condition: evt.type = open
              output: o
              priority: WARNING
              colour: blue
            - whatever: 1
            """
        )
        let notMappings = set.diagnostics.filter { $0.code == .itemNotAMapping }
        #expect(notMappings.map(\.line) == [1, 2])
        // Unknown keys are errors, as Falco's schema (additionalProperties: false) makes them.
        let unknown = try #require(set.errors.first { $0.code == .unknownKey })
        #expect(unknown.line == 8 && unknown.itemKind == .rule && unknown.itemName == "r")
        #expect(unknown.message.contains("'colour'"))
        // An item of no known kind is a warning (Falco: "Unknown top level item").
        let item = try #require(set.warnings.first { $0.code == .unknownKey })
        #expect(item.line == 9 && item.message.contains("whatever"))
    }

    @Test func nulBytesAndControlCharactersAreYAMLErrorsNotCrashes() throws {
        for text in [
            "- list: a\u{0}b\n  items: [x]\n", "- list: a\n  items: [x\u{1}]\n", "\u{0}", "- rule: \u{FEFF}\u{7}",
        ] {
            let set = load(text)
            #expect(!set.isValid, "\(text.debugDescription)")
            #expect(set.errors.allSatisfy { $0.file == "hostile.yaml" && $0.line >= 1 })
        }
    }

    @Test func emptyAndCommentOnlyFilesLoadNothingWithoutErrors() {
        for text in ["", "\n\n", "# only a comment\n", "---\n", "--- \n...\n", "~\n"] {
            let set = load(text)
            #expect(set.diagnostics.isEmpty, "\(text.debugDescription): \(set.diagnostics)")
            #expect(set.rules.isEmpty && set.macros.isEmpty && set.lists.isEmpty)
        }
    }

    // MARK: Size

    @Test func aTwoHundredThousandItemListAndAOneMebibyteItemLoad() throws {
        let count = 200_000
        var text = "- list: big\n  items:\n"
        for index in 0..<count { text += "    - item\(index)\n" }
        let huge = String(repeating: "x", count: 1_048_576)
        text += "- list: wide\n  items: [\"\(huge)\"]\n"
        text += "- macro: m\n  condition: proc.name in (big, wide)\n"
        text += "- rule: r\n  desc: d\n  condition: evt.type = execve and m\n  output: o\n  priority: INFO\n"
        let set = load(text)
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics.prefix(3))")
        let big = try #require(set.lists.first { $0.name == "big" })
        #expect(big.items.count == count && big.items.first == "item0" && big.items.last == "item\(count - 1)")
        #expect(set.lists.first { $0.name == "wide" }?.items.first?.utf8.count == 1_048_576)
        #expect(set.rules.map(\.name) == ["r"])
    }

    @Test func aRuleWithTenThousandExceptionsAndTenThousandAppendsLoads() throws {
        let count = 10_000
        var text = "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  exceptions:\n"
        for index in 0..<count { text += "    - name: e\(index)\n      fields: proc.name\n      values: [p\(index)]\n" }
        text += "    - name: e7\n      fields: proc.name\n      values: [again]\n"
        text += "- macro: m\n  condition: evt.type = open\n"
        for index in 0..<count { text += "- macro: m\n  append: true\n  condition: or evt.type = t\(index)\n" }
        let set = load(text)
        let rule = try #require(set.rules.first)
        #expect(rule.exceptions.count == count + 1)
        #expect(set.errors.isEmpty, "\(set.errors.prefix(3))")
        let duplicate = try #require(single(set, .duplicateExceptionName))
        #expect(duplicate.message.contains("'e7'") && duplicate.itemName == "r")
        #expect(duplicate.line == 6 + 3 * count + 1, "\(duplicate)")
        #expect(set.macros.first?.condition.hasSuffix("or evt.type = t\(count - 1)") == true)
    }

    // MARK: Conditions

    @Test func tenThousandDeepParenthesesInARuleNameTheRuleAndThePosition() throws {
        let condition =
            String(repeating: "(", count: 10_000) + "evt.type = open" + String(repeating: ")", count: 10_000)
        let set = load(
            "- list: l\n  items: [a]\n- rule: deep\n  desc: d\n  condition: \(condition)\n  output: o\n  priority: INFO\n"
        )
        let error = try #require(single(set, .invalidCondition))
        #expect(error.itemKind == .rule && error.itemName == "deep" && error.line == 3)
        let limit = ConditionParser.defaultMaximumDepth
        #expect(
            error.message.contains("deeper than \(limit)") && error.message.contains("column \(limit + 1)"),
            "\(error)"
        )
    }

    /// `m0 … m(n-1)`, `m(i)` = `(m(i+1) and proc.name = x(i))`, the last `evt.type = open`, leaf first; a rule uses `m0`.
    private func macroChain(_ count: Int, body: (Int) -> String) -> String {
        var text = "- macro: m\(count - 1)\n  condition: evt.type = open\n"
        for index in (0..<(count - 1)).reversed() { text += "- macro: m\(index)\n  condition: \(body(index))\n" }
        return text + "- rule: uses chain\n  desc: d\n  condition: m0\n  output: o\n  priority: INFO\n"
    }

    @Test func aTenThousandMacroChainReportsTheFirstMacroOverTheLimitOnceAndTheRule() throws {
        let count = 10_000
        let set = load(macroChain(count) { "(m\($0 + 1) and proc.name = x\($0))" })
        let limit = ConditionExpander.defaultMaximumDepth
        let firstOver = count - limit - 2
        let macroErrors = set.errors.filter { $0.itemKind == .macro }
        #expect(macroErrors.count == 1, "\(macroErrors.prefix(3))")
        let macroError = try #require(macroErrors.first)
        #expect(macroError.itemName == "m\(firstOver)" && macroError.message.contains("limit of \(limit)"))
        #expect(macroError.line == 1 + 2 * (count - 1 - firstOver))
        let ruleError = try #require(set.errors.first { $0.itemKind == .rule })
        #expect(ruleError.itemName == "uses chain" && ruleError.message.contains("macro 'm\(firstOver)'"))
        #expect(set.errors.count == 2)

        // An alias chain as long nests nothing: it loads.
        let aliases = load(macroChain(count) { "m\($0 + 1)" })
        #expect(aliases.errors.isEmpty, "\(aliases.errors.prefix(3))")
    }

    @Test func conditionsAtTheLimitsLoadOnASmallStack() throws {
        let limit = ConditionExpander.defaultMaximumDepth
        let parens = String(repeating: "(", count: limit) + "evt.type = open" + String(repeating: ")", count: limit)
        let nots = String(repeating: "not ", count: limit) + "evt.type = open"
        var text = macroChain(limit + 1) { "(m\($0 + 1) or proc.name = x\($0))" }
        for (name, condition) in [("parens", parens), ("nots", nots)] {
            text += "- rule: \(name)\n  desc: d\n  condition: \(condition)\n  output: o\n  priority: INFO\n"
        }
        let file = text
        let set = try #require(onSmallStack { RulesLoader().load(path: "limits.yaml", text: file) })
        #expect(set.errors.isEmpty, "\(set.errors.prefix(3))")
        #expect(set.rules.count == 3)
    }

    @Test func exponentialMacroFanOutIsAnErrorNamingTheMacroAndTheRule() throws {
        let set = load(macroChain(41) { "m\($0 + 1) and m\($0 + 1)" })
        let macroError = try #require(set.errors.first { $0.itemKind == .macro })
        #expect(macroError.code == .invalidCondition && macroError.message.contains("more than"))
        #expect(set.errors.filter { $0.itemKind == .macro }.count == 1)
        let ruleError = try #require(set.errors.first { $0.itemKind == .rule })
        #expect(ruleError.itemName == "uses chain" && ruleError.message.contains("macro '\(macroError.itemName)'"))

        var lists = "- list: l40\n  items: [x]\n"
        for level in (0..<40).reversed() { lists += "- list: l\(level)\n  items: [l\(level + 1), l\(level + 1)]\n" }
        lists += "- rule: big list\n  desc: d\n  condition: proc.name in (l0)\n  output: o\n  priority: INFO\n"
        let listSet = load(lists)
        let listError = try #require(listSet.errors.first)
        #expect(listError.itemName == "big list" && listError.message.contains("list 'l"), "\(listError)")
    }

    @Test func macroAndListCyclesAreReportedOnTheirItems() throws {
        let set = load(
            """
            - macro: a
              condition: b and evt.type = open
            - macro: b
              condition: (a)
            - list: x
              items: [y]
            - list: y
              items: [x]
            - rule: r
              desc: d
              condition: evt.type = open and proc.name in (x)
              output: o
              priority: INFO
            """
        )
        #expect(set.errors.map(\.code) == [.referenceLoop, .referenceLoop, .referenceLoop])
        #expect(set.errors.map(\.itemName) == ["a", "b", "r"])
        #expect(set.errors[0].message.hasPrefix("reference loop in macro: ") && set.errors[0].line == 1)
        #expect(set.errors[0].message.contains("a -> b") || set.errors[0].message.contains("b -> a"))
        #expect(set.errors[2].message.contains("x -> y -> x") && set.errors[2].line == 9)
    }

    @Test func theCurrentRulesStayFarBelowTheExpansionLimits() throws {
        let names = ["falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"]
        let files = names.compactMap { name in
            RulesFixtures.corpusText("falco/rules-current/\(name)").map { (path: name, text: $0) }
        }
        guard files.count == names.count else {
            #expect(!Corpus.integrationRequired, "the Falco rules corpus is missing")
            return
        }
        let set = RulesLoader().load(files)
        var macros: [String: ConditionNode] = [:]
        for macro in set.macros { macros[macro.name] = try? ConditionParser.parse(macro.condition) }
        var lists: [String: [String]] = [:]
        for list in set.lists { lists[list.name] = list.items }
        let expander = ConditionExpander(lists: lists, macros: macros)
        var deepest = 0
        var largest = 0
        for case .success(let node) in expander.expand(
            set.rules.compactMap { try? ConditionParser.parse($0.condition) }
        ) {
            deepest = max(deepest, Self.depth(of: node))
            largest = max(largest, Self.size(of: node))
        }
        print("current rules: deepest expanded condition \(deepest) levels, largest \(largest) nodes")
        #expect(deepest > 3 && deepest * 4 < ConditionExpander.defaultMaximumDepth)
        #expect(largest > 10 && largest * 20 < ConditionExpander.defaultMaximumSize)
    }

    static func depth(of node: ConditionNode) -> Int {
        switch node {
        case .and(let operands), .or(let operands): return 1 + (operands.map(depth).max() ?? 0)
        case .not(let operand): return 1 + depth(of: operand)
        default: return 1
        }
    }

    static func size(of node: ConditionNode) -> Int {
        switch node {
        case .and(let operands), .or(let operands): return operands.reduce(1) { $0 + size(of: $1) }
        case .not(let operand): return 1 + size(of: operand)
        case .comparison(let comparison):
            if case .list(let items) = comparison.value { return 1 + items.count }
            return 1
        default: return 1
        }
    }

    // MARK: Fuzz

    /// Byte flips, truncation at a random point, and line shuffles of the three current rules files: the
    /// loader returns a rule set or diagnostics (with lines inside the file), never crashes.
    @Test func mutatedCurrentRulesFilesGiveARuleSetOrDiagnostics() throws {
        let names = ["falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"]
        let files = names.compactMap { name in
            RulesFixtures.corpusText("falco/rules-current/\(name)").map { (name, Array($0.utf8)) }
        }
        guard files.count == names.count else {
            #expect(!Corpus.integrationRequired, "the Falco rules corpus is missing")
            return
        }
        var random = SplitMix64(seed: 0x6B)
        var outcomes = [0, 0]
        let iterations = 300
        for iteration in 0..<iterations {
            let (name, original) = files[iteration % files.count]
            var bytes = original
            switch random.next() % 3 {
            case 0:
                for _ in 0..<(1 + Int(random.next() % 8)) {
                    let index = Int(random.next() % UInt64(bytes.count))
                    bytes[index] ^= UInt8(truncatingIfNeeded: 1 << (random.next() % 8))
                }
            case 1:
                bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count))))
            default:
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                for _ in 0..<(1 + Int(random.next() % 6)) {
                    lines.swapAt(Int(random.next() % UInt64(lines.count)), Int(random.next() % UInt64(lines.count)))
                }
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let path = "\(name)#\(iteration)"
            let set = RulesLoader().load(path: path, text: text)
            outcomes[set.isValid ? 0 : 1] += 1
            let lineCount = text.utf8.count { $0 == UInt8(ascii: "\n") } + 2
            for diagnostic in set.diagnostics {
                #expect(diagnostic.file == path && (1...lineCount).contains(diagnostic.line), "\(diagnostic)")
                #expect(!diagnostic.message.isEmpty)
            }
        }
        print("fuzz: \(iterations) mutated current rules files: \(outcomes[0]) valid, \(outcomes[1]) with errors")
        #expect(outcomes[1] > 0)
    }
}
