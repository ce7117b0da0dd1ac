import FalcoRules
import Foundation
import Testing

@Suite struct RulesLoaderErrorTests {
    @Test func unknownKeyIsAnErrorWithItsLine() {
        let set = loadRules("- list: l\n  items: [a]\n\n" + ruleItem("r", extra: "  colour: red"))
        #expect(set.errorCodes == ["unknownKey"])
        let error = set.errors.first
        #expect(error?.line == 9)
        #expect(error?.itemName == "r")
        #expect(error?.message.contains("colour") == true)
        #expect(set.rule(named: "r") == nil)
        #expect(set.list(named: "l") != nil)
    }

    @Test(arguments: ["condition", "output", "desc", "priority"])
    func missingRequiredRuleFieldIsAnError(key: String) {
        let lines = ruleItem("r").split(separator: "\n").filter { !$0.hasPrefix("  \(key):") }
        let set = loadRules(lines.joined(separator: "\n"))
        #expect(set.errorCodes == ["missingField"])
        #expect(set.errors.first?.message.contains("'\(key)'") == true)
    }

    @Test func listWithoutItemsAndMacroWithoutConditionAreErrors() {
        let set = loadRules("- list: bad_list\n- macro: bad_macro\n")
        #expect(set.errorCodes == ["missingField", "missingField"])
        #expect(set.errors.map(\.itemName) == ["bad_list", "bad_macro"])
        #expect(set.errors.map(\.line) == [1, 2])
    }

    @Test(arguments: ["- rule:\n  desc: x\n", "- list: ''\n  items: []\n", "- macro: ~\n  condition: x\n"])
    func emptyNamesAreErrors(text: String) {
        #expect(loadRules(text).errorCodes == ["emptyName"])
    }

    @Test(arguments: [
        ("  tags: a", "wrongType"), ("  enabled: maybe", "wrongType"), ("  tags: [[a]]", "wrongType"),
        ("  exceptions: {}", "wrongType"), ("  capture_duration: long", "wrongType"), ("  source: {a: b}", "wrongType"),
    ])
    func wrongTypesAreErrors(extra: String, code: String) {
        let set = loadRules(ruleItem("r", extra: extra))
        #expect(set.errorCodes == [code])
        #expect(!set.errors.isEmpty)
        #expect(set.rule(named: "r") == nil)
        #expect(loadRules(ruleItem("r", condition: "[a]")).errorCodes == ["wrongType"])
    }

    @Test(arguments: ["WARNING", "warning", "Info", "INFORMATIONAL", "emergency", "DEBUG"])
    func prioritiesAreCaseInsensitive(text: String) {
        let set = loadRules(ruleItem("r").replacingOccurrences(of: "WARNING", with: text))
        #expect(set.errors.isEmpty)
        #expect(set.rule(named: "r")?.priority == RulePriority(parsing: text))
    }

    @Test func invalidPriorityIsAnErrorOnItsLine() {
        let set = loadRules(ruleItem("r").replacingOccurrences(of: "WARNING", with: "loud"))
        #expect(set.errorCodes == ["invalidPriority"])
        #expect(set.errors.first?.line == 5)
    }

    @Test func priorityAliasesAndOrder() {
        #expect(RulePriority(parsing: "info") == .informational)
        #expect(RulePriority(parsing: "warn") == nil)
        #expect(RulePriority.emergency < .debug)
        #expect(RulePriority.allCases.count == 8)
        #expect(RulePriority.informational.description == "Informational")
    }

    @Test func sourceDefaultsToSyscall() {
        #expect(loadRules(ruleItem("r")).rule(named: "r")?.source == "syscall")
        #expect(loadRules(ruleItem("r", extra: "  source: k8s_audit")).rule(named: "r")?.source == "k8s_audit")
    }

    @Test func engineVersionIsCheckedAgainstTheEngine() {
        let newer = loadRules(
            "- required_engine_version: 0.99.0\n",
            engine: EngineVersion(major: 0, minor: 57, patch: 0)
        )
        #expect(newer.errorCodes == ["unsupportedEngineVersion"])
        #expect(newer.errors.first?.itemKind == .requiredEngineVersion)
        let older = loadRules("- required_engine_version: 0.26.0\n")
        #expect(older.errors.isEmpty)
        #expect(older.requiredEngineVersion == EngineVersion(major: 0, minor: 26, patch: 0))
        let legacy = loadRules("- required_engine_version: 2\n")
        #expect(legacy.requiredEngineVersion == EngineVersion(major: 0, minor: 2, patch: 0))
        let huge = loadRules("- required_engine_version: 9999999\n")
        #expect(huge.errorCodes == ["unsupportedEngineVersion"])
        #expect(loadRules("- required_engine_version: not-a-number\n").errorCodes == ["invalidEngineVersion"])
        #expect(loadRules("- required_engine_version: [1]\n").errorCodes == ["invalidEngineVersion"])
    }

    @Test func engineVersionParsing() {
        #expect(EngineVersion(parsing: "0.57.0") == EngineVersion(major: 0, minor: 57, patch: 0))
        #expect(EngineVersion(parsing: "1.2") == EngineVersion(major: 1, minor: 2, patch: 0))
        #expect(EngineVersion(parsing: "v1.2.3-rc1") == EngineVersion(major: 1, minor: 2, patch: 3))
        #expect(EngineVersion(parsing: "1..2") == nil)
        #expect(EngineVersion(parsing: "1.2.3.4") == nil)
        #expect(EngineVersion(parsing: "99999999999999999999") == nil)
        #expect(EngineVersion(parsing: "") == nil)
    }

    @Test func pluginRequirementsAreCollectedAndChecked() {
        let set = loadRules(
            """
            - required_plugin_versions:
                - name: container
                  version: 0.4.0
                  alternatives:
                    - name: other
                      version: 1.0.0
                - name: k8saudit
            """
        )
        #expect(set.errorCodes == ["invalidPluginRequirement"])
        #expect(set.errors.first?.line == 7)
        #expect(set.pluginRequirements.map(\.name) == ["container"])
        #expect(set.pluginRequirements.first?.alternatives == [.init(name: "other", version: "1.0.0")])
    }

    @Test func contentThatIsNotASequenceIsAnError() {
        #expect(loadRules("This is not yaml\n").errorCodes == ["notASequence"])
        #expect(loadRules("foo: bar\n").errorCodes == ["notASequence"])
        #expect(loadRules("- foo\n").errorCodes == ["itemNotAMapping"])
        #expect(loadRules("").diagnostics.isEmpty)
        #expect(loadRules("# only a comment\n").diagnostics.isEmpty)
    }

    @Test func invalidYAMLIsAnErrorAndOtherDocumentsAndFilesStillLoad() {
        let set = loadRules(
            "- list: one\n  items: [a]\n---\n- list: [oops\n---\n- list: two\n  items: [b]\n",
            "- list: three\n  items: [c]\n"
        )
        #expect(set.errorCodes == ["invalidYAML"])
        #expect(set.errors.first?.line ?? 0 >= 4)
        #expect(set.lists.map(\.name) == ["one", "two", "three"])
    }

    @Test func unknownTopLevelItemIsAWarning() {
        let set = loadRules("- something_new: 1\n")
        #expect(set.errors.isEmpty)
        #expect(set.warnings.count == 1)
    }

    @Test func diagnosticsDescribeThemselves() {
        let set = loadRules(ruleItem("r", extra: "  colour: red"))
        #expect(
            set.errors.first?.description
                == "a.yaml:6: error: rule 'r': unknown key 'colour' in a rule item (unknownKey)"
        )
    }
}
