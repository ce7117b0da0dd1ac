import FalcoRules
import Testing

@Suite struct RulesLoaderAppendTests {
    @Test func legacyAppendConcatenatesRuleConditions() {
        let set = loadRules(ruleItem("r"), "- rule: r\n  append: true\n  condition: and proc.name=cat\n")
        #expect(set.errors.isEmpty)
        #expect(set.rule(named: "r")?.condition == "evt.type=open and proc.name=cat")
    }

    @Test func legacyAppendToListsAndMacros() {
        let set = loadRules(
            "- list: l\n  items: [a]\n- macro: m\n  condition: (proc.pid=1)\n",
            "- list: l\n  append: true\n  items: [b, 3]\n- macro: m\n  append: true\n  condition: or (proc.ppid=2)\n"
        )
        #expect(set.errors.isEmpty)
        #expect(set.list(named: "l")?.items == ["a", "b", "3"])
        #expect(set.macro(named: "m")?.condition == "(proc.pid=1) or (proc.ppid=2)")
    }

    @Test func appendFalseIsAPlainRedefinition() {
        let set = loadRules("- list: l\n  items: [a]\n", "- list: l\n  append: false\n  items: [b]\n")
        #expect(set.list(named: "l")?.items == ["b"])
    }

    @Test(arguments: [
        ("- list: l\n  append: true\n  items: [a]\n", RuleItemKind.list),
        ("- macro: m\n  append: true\n  condition: x\n", .macro),
        ("- rule: r\n  append: true\n  condition: x\n", .rule),
    ])
    func appendToAnUnknownItemIsAnError(text: String, kind: RuleItemKind) {
        let set = loadRules(text)
        #expect(set.errorCodes == ["appendToUnknownItem"])
        #expect(set.errors.first?.itemKind == kind)
        #expect(set.errors.first?.line == 1)
        #expect(set.errors.first?.file == "a.yaml")
    }

    @Test func appendBeforeTheDefinitionIsAnError() {
        let set = loadRules("- list: l\n  append: true\n  items: [a]\n", "- list: l\n  items: [b]\n")
        #expect(set.errorCodes == ["appendToUnknownItem"])
        #expect(set.list(named: "l")?.items == ["b"])
    }

    @Test func appendedRuleNeedsConditionOrExceptions() {
        let set = loadRules(ruleItem("r"), "- rule: r\n  append: true\n")
        #expect(set.errorCodes == ["missingField"])
    }

    @Test func appendedRuleWarnsAboutIgnoredKeys() {
        let set = loadRules(
            ruleItem("r"),
            "- rule: r\n  append: true\n  condition: and proc.name=b\n  priority: debug\n"
        )
        #expect(set.errors.isEmpty)
        #expect(set.warnings.map { "\($0.code)" } == ["ignoredKey"])
        #expect(set.rule(named: "r")?.priority == .warning)
    }

    @Test func legacyAppendOfExceptionValues() {
        let set = loadRules(
            ruleItem("r", extra: "  exceptions:\n    - name: e\n      fields: [proc.name]\n      values: [[a]]"),
            "- rule: r\n  append: true\n  exceptions:\n    - name: e\n      values: [[b]]\n"
        )
        #expect(set.errors.isEmpty)
        #expect(set.rule(named: "r")?.exceptions.first?.values == [[.text("a")], [.text("b")]])
    }

    @Test func appendedExceptionWithoutFieldsThatDoesNotExistIsAnError() {
        let set = loadRules(
            ruleItem("r"),
            "- rule: r\n  append: true\n  exceptions:\n    - name: e\n      values: [[b]]\n"
        )
        #expect(set.errorCodes == ["invalidException"])
        #expect(set.errors.first?.itemKind == .exception)
        #expect(set.errors.first?.itemName == "e")
        #expect(set.errors.first?.line == 4)
    }

    @Test func redefinitionReplacesTheWholeRuleAndKeepsItsPosition() {
        let set = loadRules(
            ruleItem("first", extra: "  tags: [a]") + "\n" + ruleItem("second"),
            ruleItem("first", condition: "evt.type=connect")
        )
        #expect(set.errors.isEmpty)
        #expect(set.rules.map(\.name) == ["first", "second"])
        #expect(set.rule(named: "first")?.condition == "evt.type=connect")
        #expect(set.rule(named: "first")?.tags == [])
        #expect(set.rule(named: "first")?.origin == RuleOrigin(file: "b.yaml", line: 1))
    }

    @Test func enabledOnlyItemTogglesTheRule() {
        let set = loadRules(ruleItem("r"), "- rule: r\n  enabled: false\n")
        #expect(set.errors.isEmpty)
        #expect(set.rule(named: "r")?.enabled == false)
        #expect(set.rule(named: "r")?.condition == "evt.type=open")
        let again = loadRules(ruleItem("r", extra: "  enabled: false"), "- rule: r\n  enabled: true\n")
        #expect(again.rule(named: "r")?.enabled == true)
    }

    @Test func enabledOnlyItemForAnUnknownRuleIsAnError() {
        let set = loadRules("- rule: ghost\n  enabled: false\n")
        #expect(set.errorCodes == ["appendToUnknownItem"])
    }

    @Test func directoryFilesAreReadInAlphabeticalOrder() {
        let set = RulesLoader().loadDirectory([
            (path: "rules.d/20-b.yaml", text: "- list: l\n  append: true\n  items: [b]\n"),
            (path: "rules.d/10-a.yaml", text: "- list: l\n  items: [a]\n"),
            (path: "rules.d/30-c.yaml", text: "- list: l\n  append: true\n  items: [c]\n"),
        ])
        #expect(set.errors.isEmpty)
        #expect(set.list(named: "l")?.items == ["a", "b", "c"])
    }
}
