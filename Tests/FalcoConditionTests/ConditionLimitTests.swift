import FalcoCondition
import TestSupport
import Testing

/// Hostile conditions: deep nesting, huge chains, macro and list chains, exponential fan-out and cycles
/// must give an error (or a correct result) without overflowing the stack or running away.
@Suite struct ConditionLimitTests {
    private static let limit = ConditionParser.defaultMaximumDepth

    private func parseError(_ text: String) -> ConditionError? {
        do throws(ConditionError) {
            _ = try ConditionParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    private func expandError(_ expander: ConditionExpander, _ node: ConditionNode) -> ConditionError? {
        do throws(ConditionError) {
            _ = try expander.expand(node)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Parser

    @Test func parenthesesRightAtTheLimitParseAndOneMoreIsTooDeep() throws {
        let atLimit =
            String(repeating: "(", count: Self.limit) + "proc.name = a" + String(repeating: ")", count: Self.limit)
        #expect(
            try ConditionParser.parse(atLimit)
                == .comparison(
                    Comparison(
                        field: FieldReference(name: "proc.name"),
                        comparisonOperator: .equal,
                        value: .bareWord("a")
                    )
                )
        )
        let over = "(" + atLimit + ")"
        let error = try #require(parseError(over))
        #expect(error.code == .tooDeep)
        #expect(error.line == 1 && error.column == Self.limit + 1 && error.offset == Self.limit)
        #expect(error.message.contains("deeper than \(Self.limit)"))
    }

    @Test func tenThousandParenthesesNotsAndTransformersAreTooDeepWithAPosition() throws {
        let parens =
            "evt.type = open and\n  " + String(repeating: "(", count: 10_000) + "a"
            + String(repeating: ")", count: 10_000)
        let parenError = try #require(parseError(parens))
        #expect(parenError.code == .tooDeep && parenError.line == 2 && parenError.column == Self.limit + 3)

        let nots = String(repeating: "not ", count: 10_000) + "proc.name = a"
        let notError = try #require(parseError(nots))
        #expect(notError.code == .tooDeep && notError.line == 1 && notError.column == Self.limit * 4 + 4)

        let calls =
            String(repeating: "tolower(", count: 10_000) + "proc.name" + String(repeating: ")", count: 10_000) + " = a"
        #expect(parseError(calls)?.code == .tooDeep)
        let values =
            "proc.name = " + String(repeating: "toupper(", count: 10_000) + "proc.pname"
            + String(repeating: ")", count: 10_000)
        #expect(parseError(values)?.code == .tooDeep)
        let vals =
            "proc.name = " + String(repeating: "val(", count: 10_000) + "proc.pname"
            + String(repeating: ")", count: 10_000)
        #expect(parseError(vals) != nil)
    }

    @Test func mixedNestingRightAtTheLimitParsesPrintsAndReparses() throws {
        // Parentheses, `not` and transformers share the one depth budget.
        let third = Self.limit / 3
        let rest = Self.limit - 2 * third
        let text =
            String(repeating: "(not ", count: third) + String(repeating: "tolower(", count: rest) + "proc.name"
            + String(repeating: ")", count: rest) + " = a" + String(repeating: ")", count: third)
        let node = try ConditionParser.parse(text)
        var depth = 0
        var current = node
        while case .not(let inner) = current {
            depth += 1
            current = inner
        }
        #expect(depth == third)
        guard case .comparison(let comparison) = current else {
            Issue.record("expected a comparison, got \(current)")
            return
        }
        #expect(comparison.field.transformers.count == rest)
        #expect(try ConditionParser.parse(node.description) == node)
        #expect(node.fieldNames == ["proc.name"])
        #expect(parseError("(" + text + ")")?.code == .tooDeep)
    }

    @Test func nestingInsideListsIsASyntaxErrorNotACrash() throws {
        let nested =
            "proc.name in " + String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000)
        let error = try #require(parseError(nested))
        #expect(error.code == .syntax && error.line == 1 && error.column == 15)
        let long = "proc.name in (" + (0..<10_000).map { "a\($0), (" }.joined() + "b)"
        #expect(parseError(long)?.code == .syntax)
    }

    @Test func twoHundredThousandOperandChainsParseFlatAndRoundTrip() throws {
        let count = 200_000
        for keyword in ["and", "or"] {
            let text = (0..<count).map { "proc.pid = \($0)" }.joined(separator: " \(keyword) ")
            let node = try ConditionParser.parse(text)
            switch node {
            case .and(let operands), .or(let operands): #expect(operands.count == count)
            default: Issue.record("expected an n-ary node")
            }
            let printed = node.description == text
            #expect(printed)
            let expanded = try ConditionExpander().expand(node)
            #expect(expanded == node)
            #expect(node.fieldNames == ["proc.pid"])
            #expect(node.allowedEventTypes == nil)
        }
    }

    // MARK: Macro chains

    /// `m0 … m(n-1)`: each macro `(next and proc.name = xi)`, the last `evt.type = open`.
    private func chain(_ count: Int, body: (Int) -> String) throws -> ConditionExpander {
        var macros: [String: ConditionNode] = [:]
        for index in 0..<count {
            macros["m\(index)"] = try ConditionParser.parse(index == count - 1 ? "evt.type = open" : body(index))
        }
        return ConditionExpander(macros: macros)
    }

    @Test func aTenThousandMacroAliasChainExpandsWithoutRecursion() throws {
        let expander = try chain(10_000) { "m\($0 + 1)" }
        #expect(try expander.expand(.macroReference("m0")).description == "evt.type = open")
        let parenthesised = try chain(10_000) { "(m\($0 + 1))" }
        #expect(try parenthesised.expand(.macroReference("m0")).description == "evt.type = open")
    }

    @Test func aTenThousandDeepMacroChainIsTooDeepNamingTheFirstMacroOverTheLimit() throws {
        let count = 10_000
        let expander = try chain(count) { "(m\($0 + 1) and proc.name = x\($0))" }
        let depthLimit = ConditionExpander.defaultMaximumDepth
        // m(i) nests count - 1 - i levels of `and`: the first over the limit, bottom-up, is m(count - limit - 2).
        let firstOver = count - depthLimit - 2
        let error = try #require(expandError(expander, .macroReference("m0")))
        #expect(error.code == .tooDeep)
        #expect(error.item == "m\(firstOver)")
        #expect(error.message.contains("macro 'm\(firstOver)'") && error.message.contains("limit of \(depthLimit)"))

        // Right at the limit: expands, and the usual recursive walks over the result work.
        let atLimit = try expander.expand(.macroReference("m\(firstOver + 1)"))
        var depth = 0
        var current: ConditionNode? = atLimit
        while let node = current {
            depth += 1
            if case .and(let operands) = node { current = operands.first } else { current = nil }
        }
        #expect(depth == depthLimit + 1)
        #expect(atLimit.fieldNames == ["evt.type", "proc.name"])
        #expect(atLimit.allowedEventTypes == ["open"])
        let printed = atLimit.description.hasPrefix(String(repeating: "(", count: depthLimit - 1) + "evt.type = open")
        #expect(printed)
        #expect(atLimit == atLimit)
        #expect(Set([atLimit]).count == 1)

        // A rule using the macro below the limit but one level deeper goes over it.
        let rule = try ConditionParser.parse("not m\(firstOver + 1)")
        let ruleError = try #require(expandError(expander, rule))
        #expect(ruleError.code == .tooDeep && ruleError.message.contains("through macro 'm\(firstOver + 1)'"))
    }

    @Test func exponentialMacroFanOutIsTooLargeNamingTheMacro() throws {
        // a = b and b, b = c and c, … 40 levels: 2^40 checks once expanded.
        let expander = try chain(41) { "m\($0 + 1) and m\($0 + 1)" }
        let error = try #require(expandError(expander, .macroReference("m0")))
        #expect(error.code == .tooLarge)
        // size(m40) = 1, size(mi) = 2 size(m(i+1)) + 1 = 2^(41-i) - 1: the first over, bottom-up, is m21.
        let limit = ConditionExpander.defaultMaximumSize
        let firstOver = (0...40).reversed().first { (1 << (41 - $0)) - 1 > limit } ?? -1
        #expect(error.item == "m\(firstOver)")
        #expect(error.message.contains("macro 'm\(firstOver)'") && error.message.contains("\(limit)"))
        // Below the limit the shared expansion is exact.
        let small = try expander.expand(.macroReference("m36"))
        #expect(small.fieldNames == ["evt.type"])
        #expect(small.description.split(separator: "=").count - 1 == 16)
    }

    @Test func listFanOutIsTooLargeAndAListChainExpandsLinearly() throws {
        var lists: [String: [String]] = [:]
        for index in 0..<40 { lists["l\(index)"] = ["l\(index + 1)", "l\(index + 1)"] }
        lists["l40"] = ["x"]
        let expander = ConditionExpander(lists: lists)
        let error = try #require(expandError(expander, try ConditionParser.parse("proc.name in (l0)")))
        #expect(error.code == .tooLarge && error.item?.hasPrefix("l") == true)
        #expect(try expander.expandedList(named: "l30").count == 1024)

        var chain: [String: [String]] = [:]
        for index in 0..<10_000 { chain["c\(index)"] = ["c\(index + 1)", "v\(index)"] }
        chain["c10000"] = ["end"]
        let items = try ConditionExpander(lists: chain).expandedList(named: "c0")
        #expect(items.count == 10_001)
        #expect(items.first == .bareWord("end") && items.last == .bareWord("v0"))
    }

    @Test func longMacroAndListCyclesAreNamedAndAbbreviated() throws {
        var macros: [String: ConditionNode] = [:]
        for index in 0..<10_000 { macros["m\(index)"] = .macroReference("m\((index + 1) % 10_000)") }
        let macroError = try #require(expandError(ConditionExpander(macros: macros), .macroReference("m0")))
        #expect(macroError.code == .macroCycle)
        #expect(macroError.message.contains("m0 -> m1") && macroError.message.contains("more"))
        #expect(macroError.message.count < 400)

        var lists: [String: [String]] = [:]
        for index in 0..<10_000 { lists["l\(index)"] = ["l\((index + 1) % 10_000)"] }
        let listError = try #require(
            expandError(ConditionExpander(lists: lists), try ConditionParser.parse("proc.name in (l5)"))
        )
        #expect(listError.code == .listCycle && listError.message.contains("l5 -> l6"))
    }

    @Test func batchExpansionAgreesWithOneByOne() throws {
        var macros: [String: ConditionNode] = [:]
        for index in 0..<300 {
            macros["m\(index)"] = try ConditionParser.parse(index == 299 ? "evt.type = open" : "(m\(index + 1))")
        }
        macros["bad"] = .macroReference("missing")
        macros["loop"] = .macroReference("loop")
        let expander = ConditionExpander(lists: ["l": ["a", "b"]], macros: macros)
        let roots: [ConditionNode] =
            (0..<300).map { .macroReference("m\($0)") } + [
                .macroReference("bad"), .macroReference("loop"), try ConditionParser.parse("proc.name in (l) and m5"),
            ]
        let batch = expander.expand(roots)
        #expect(batch.count == roots.count)
        for (root, result) in zip(roots, batch) {
            switch (
                result, Result(catching: { () throws(ConditionError) -> ConditionNode in try expander.expand(root) })
            ) {
            case (.success(let a), .success(let b)): #expect(a == b)
            case (.failure(let a), .failure(let b)): #expect(a.code == b.code)
            default: Issue.record("batch and single expansion disagree on \(root)")
            }
        }
    }
}

/// The limits are tested on a thread with a small stack: at the parser's and the expander's limits, parsing,
/// expanding, printing, analysing, comparing and hashing must fit in 512 KiB.
@Suite struct ConditionSmallStackTests {
    @Test func everythingAtTheLimitsFitsInASmallStack() throws {
        let limit = ConditionParser.defaultMaximumDepth
        let outcome = onSmallStack { () -> [String] in
            var failures: [String] = []
            let texts = [
                String(repeating: "(", count: limit) + "evt.type = open" + String(repeating: ")", count: limit),
                String(repeating: "not ", count: limit) + "evt.type = open",
                String(repeating: "not (", count: limit / 2) + "proc.name = a"
                    + String(repeating: ")", count: limit / 2),
                "proc.name = " + String(repeating: "tolower(", count: limit) + "proc.pname"
                    + String(repeating: ")", count: limit),
            ]
            for text in texts {
                do throws(ConditionError) {
                    let node = try ConditionParser.parse(text)
                    if try ConditionParser.parse(node.description) != node {
                        failures.append("round trip: \(text.prefix(20))")
                    }
                    _ = node.fieldNames
                    _ = node.allowedEventTypes
                    _ = Set([node])
                    _ = try ConditionExpander().expand(node)
                } catch {
                    failures.append("\(text.prefix(20)): \(error)")
                }
                if (try? ConditionParser.parse("(" + text + ")")) != nil && !text.hasPrefix("not (") {
                    failures.append("over the limit accepted: \(text.prefix(20))")
                }
            }
            // A macro chain nesting exactly the expander's limit, each level a `not` and an `and`.
            let depthLimit = ConditionExpander.defaultMaximumDepth
            var macros: [String: ConditionNode] = [:]
            let count = depthLimit / 2 + 1
            for index in 0..<count {
                let body = index == count - 1 ? "evt.type = open" : "(not m\(index + 1) and proc.name = x\(index))"
                macros["m\(index)"] = try? ConditionParser.parse(body)
            }
            do throws(ConditionError) {
                let expanded = try ConditionExpander(macros: macros).expand(.macroReference("m0"))
                _ = expanded.description
                _ = expanded.fieldNames
                _ = expanded.allowedEventTypes
                _ = Set([expanded])
                if expanded != expanded { failures.append("equality") }
            } catch {
                failures.append("chain: \(error)")
            }
            return failures
        }
        #expect(outcome == [])
    }
}
