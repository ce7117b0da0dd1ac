import FalcoRules
import Testing

@Suite struct RulesLoaderOverrideTests {
    @Test func appendOverrideConcatenatesConditionOutputAndDescription() {
        let set = loadRules(
            ruleItem("r"),
            """
            - rule: r
              condition: and proc.name=cat
              output: extra
              desc: more
              override:
                condition: append
                output: append
                desc: append
            """
        )
        #expect(set.errors.isEmpty)
        #expect(set.rule(named: "r")?.condition == "evt.type=open and proc.name=cat")
        #expect(set.rule(named: "r")?.output == "o extra")
        #expect(set.rule(named: "r")?.description == "d more")
    }

    @Test func replaceOverrideReplacesEachListedKey() {
        let set = loadRules(
            ruleItem("r", extra: "  tags: [a]"),
            """
            - rule: r
              priority: debug
              tags: [b]
              enabled: false
              warn_evttypes: false
              skip-if-unknown-filter: true
              override: {priority: replace, tags: replace, enabled: replace, warn_evttypes: replace,
                         skip-if-unknown-filter: replace}
            """
        )
        #expect(set.errors.isEmpty)
        let rule = set.rule(named: "r")
        #expect(rule?.priority == .debug)
        #expect(rule?.tags == ["b"])
        #expect(rule?.enabled == false)
        #expect(rule?.warnEventTypes == false)
        #expect(rule?.skipIfUnknownFilter == true)
        #expect(rule?.condition == "evt.type=open")
    }

    @Test func tagsAppendAddsOnlyNewTags() {
        let set = loadRules(
            ruleItem("r", extra: "  tags: [a, b]"),
            "- rule: r\n  tags: [b, c]\n  override: {tags: append}\n"
        )
        #expect(set.rule(named: "r")?.tags == ["a", "b", "c"])
    }

    @Test(arguments: ["priority", "enabled", "warn_evttypes", "skip-if-unknown-filter", "capture"])
    func keysThatCanOnlyBeReplacedRejectAppend(key: String) {
        let value = key == "priority" ? "debug" : "true"
        let set = loadRules(ruleItem("r"), "- rule: r\n  \(key): \(value)\n  override: {\(key): append}\n")
        #expect(set.errorCodes == ["invalidOverride"])
        #expect(set.errors.first?.line == 3)
        #expect(set.errors.first?.message.contains("use 'replace'") == true)
    }

    @Test func sourceCannotBeOverridden() {
        let set = loadRules(ruleItem("r"), "- rule: r\n  source: k8s_audit\n  override: {source: replace}\n")
        #expect(set.errorCodes.contains("invalidOverride"))
    }

    @Test func overrideWithAnInvalidModeIsAnError() {
        let set = loadRules(ruleItem("r"), "- rule: r\n  condition: x\n  override: {condition: prepend}\n")
        #expect(set.errorCodes == ["invalidOverride"])
        #expect(set.rule(named: "r")?.condition == "evt.type=open")
    }

    @Test func overrideThatIsNotAMappingIsAnError() {
        let set = loadRules(ruleItem("r"), "- rule: r\n  condition: x\n  override: append\n")
        #expect(set.errorCodes.contains("invalidOverride"))
    }

    @Test func overrideForAKeyTheItemLacksIsAnError() {
        let set = loadRules(
            ruleItem("r"),
            "- rule: r\n  condition: x\n  override: {condition: append, output: append}\n"
        )
        #expect(set.errorCodes == ["invalidOverride"])
        #expect(set.errors.first?.message.contains("'output'") == true)
    }

    @Test func aKeyMissingFromOverrideIsAnError() {
        let set = loadRules(ruleItem("r"), "- rule: r\n  condition: x\n  output: y\n  override: {condition: append}\n")
        #expect(set.errorCodes == ["invalidOverride"])
        #expect(set.errors.first?.line == 3)
    }

    @Test func overrideAndAppendTogetherAreAnError() {
        let set = loadRules(
            ruleItem("r"),
            "- rule: r\n  condition: x\n  append: true\n  override: {condition: append}\n"
        )
        #expect(set.errorCodes == ["invalidOverride"])
    }

    @Test func overrideOfAnUnknownRuleIsAnError() {
        let set = loadRules("- rule: ghost\n  condition: x\n  override: {condition: append}\n")
        #expect(set.errorCodes == ["appendToUnknownItem"])
        #expect(set.errors.first?.itemName == "ghost")
        #expect(set.errors.first?.itemKind == .rule)
    }

    @Test func overrideWithAnotherSourceDoesNotFindTheRule() {
        let set = loadRules(
            ruleItem("r"),
            "- rule: r\n  source: k8s_audit\n  condition: x\n  override: {condition: append}\n"
        )
        #expect(set.errorCodes == ["appendToUnknownItem"])
    }

    @Test func listItemsAppendAndReplace() {
        let base = "- list: l\n  items: [a, b]\n"
        let appended = loadRules(base, "- list: l\n  items: [c]\n  override: {items: append}\n")
        #expect(appended.list(named: "l")?.items == ["a", "b", "c"])
        let replaced = loadRules(base, "- list: l\n  items: [c]\n  override: {items: replace}\n")
        #expect(replaced.list(named: "l")?.items == ["c"])
        let wrongKey = loadRules(base, "- list: l\n  items: [c]\n  override: {condition: append}\n")
        #expect(wrongKey.errorCodes.contains("invalidOverride"))
    }

    @Test func macroConditionAppendAndReplace() {
        let base = "- macro: m\n  condition: (a=1)\n"
        let appended = loadRules(base, "- macro: m\n  condition: or (b=2)\n  override: {condition: append}\n")
        #expect(appended.macro(named: "m")?.condition == "(a=1) or (b=2)")
        let replaced = loadRules(base, "- macro: m\n  condition: (c=3)\n  override: {condition: replace}\n")
        #expect(replaced.macro(named: "m")?.condition == "(c=3)")
        let unknown = loadRules("- macro: m\n  condition: (c=3)\n  override: {condition: replace}\n")
        #expect(unknown.errorCodes == ["appendToUnknownItem"])
    }

    @Test func exceptionsAppendAddsValuesAndNewExceptions() {
        let set = loadRules(
            ruleItem(
                "r",
                extra: """
                      exceptions:
                        - name: procs
                          fields: [proc.name, fd.directory]
                          values: [[cat, /tmp]]
                    """
            ),
            """
            - rule: r
              exceptions:
                - name: procs
                  values: [[dog, /var]]
                - name: files
                  fields: fd.name
                  values: [/etc/passwd]
              override: {exceptions: append}
            """
        )
        #expect(set.errors.isEmpty)
        let exceptions = set.rule(named: "r")?.exceptions ?? []
        #expect(exceptions.map(\.name) == ["procs", "files"])
        #expect(exceptions.first?.values == [[.text("cat"), .text("/tmp")], [.text("dog"), .text("/var")]])
        #expect(exceptions.last?.comps == ["in"])
    }

    @Test func exceptionsReplaceDropsTheOldOnes() {
        let set = loadRules(
            ruleItem("r", extra: "  exceptions:\n    - name: a\n      fields: [proc.name]\n      values: [[x]]"),
            "- rule: r\n  exceptions:\n    - name: b\n      fields: [fd.name]\n  override: {exceptions: replace}\n"
        )
        #expect(set.errors.isEmpty)
        #expect(set.rule(named: "r")?.exceptions.map(\.name) == ["b"])
    }

    @Test func enablingADisabledRuleWithOverride() {
        let set = loadRules(
            ruleItem("r", extra: "  enabled: false"),
            "- rule: r\n  enabled: true\n  override: {enabled: replace}\n"
        )
        #expect(set.errors.isEmpty)
        #expect(set.rule(named: "r")?.enabled == true)
    }
}
