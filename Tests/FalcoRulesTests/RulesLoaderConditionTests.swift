import FalcoRules
import Foundation
import TestSupport
import Testing

@Suite struct RulesLoaderConditionTests {
    private func codes(_ set: RuleSet, _ severity: RulesDiagnostic.Severity) -> [String] {
        set.diagnostics.filter { $0.severity == severity }.map { "\($0.code)" }
    }

    @Test func validConditionsLoadWithoutDiagnostics() {
        let set = loadRules(
            "- list: shells\n  items: [bash, sh]\n- macro: spawned\n  condition: evt.type=execve\n",
            ruleItem("r", condition: "spawned and proc.name in (shells) and not proc.aname[2]=init")
        )
        #expect(set.diagnostics.isEmpty)
        #expect(set.skippedRules.isEmpty)
    }

    @Test func aMacroMayUseAMacroDefinedLater() {
        let set = loadRules(
            "- macro: a\n  condition: b\n- macro: b\n  condition: evt.type=open\n",
            ruleItem("r", condition: "a")
        )
        #expect(set.diagnostics.isEmpty)
    }

    @Test func aRuleConditionSyntaxErrorNamesTheRule() {
        let set = loadRules(ruleItem("r", condition: "evt.type=open proc.name=cat"))
        #expect(set.errorCodes == ["invalidCondition"])
        let error = set.errors.first
        #expect(error?.itemKind == .rule && error?.itemName == "r" && error?.file == "a.yaml" && error?.line == 1)
        #expect(error?.message == "unexpected token after 'open', expecting 'or', 'and' (condition line 1, column 15)")
    }

    @Test func aMacroConditionSyntaxErrorNamesTheMacro() {
        let set = loadRules(
            "- macro: m\n  condition: evt.type=execve\n",
            "- macro: m\n  append: true\n  condition: foo\n"
        )
        #expect(set.errorCodes == ["invalidCondition"])
        #expect(set.errors.first?.itemKind == .macro && set.errors.first?.itemName == "m")
        #expect(
            set.errors.first?.message
                == "unexpected token after 'execve', expecting 'or', 'and' (condition line 1, column 17)"
        )
    }

    @Test func anUndefinedMacroIsAnErrorEvenInAnUnusedMacro() {
        let set = loadRules("- macro: m\n  condition: foo\n")
        #expect(set.errorCodes == ["undefinedMacro"])
        #expect(set.errors.first?.message == "Undefined macro 'foo' used in filter.")
        #expect(set.errors.first?.itemName == "m")
    }

    @Test func aRuleUsingABrokenMacroIsAnErrorOnTheRule() {
        let set = loadRules("- macro: m\n  condition: evt.type=\n", ruleItem("r", condition: "m"))
        #expect(set.errorCodes == ["invalidCondition", "undefinedMacro"])
        #expect(set.errors.last?.itemName == "r")
        #expect(set.errors.last?.message.contains("'m'") == true)
    }

    @Test func anUndefinedListIsAnError() {
        let set = loadRules(ruleItem("r", condition: "proc.name in nowhere"))
        #expect(set.errorCodes == ["undefinedList"])
        #expect(set.errors.first?.itemName == "r")
    }

    @Test func aMacroLoopIsAnErrorOnTheMacro() {
        let set = loadRules("- macro: a\n  condition: b\n- macro: b\n  condition: a\n")
        #expect(set.errorCodes == ["referenceLoop", "referenceLoop"])
        #expect(set.errors.map(\.itemName) == ["a", "b"])
        #expect(set.errors.first?.message.hasPrefix("reference loop in macro") == true)
    }

    @Test func aListLoopIsAnErrorOnTheUsingRule() {
        let set = loadRules(
            "- list: a\n  items: [b]\n- list: b\n  items: [a]\n",
            ruleItem("r", condition: "evt.type in (a)")
        )
        #expect(set.errorCodes == ["referenceLoop"])
        #expect(set.errors.first?.itemKind == .rule && set.errors.first?.itemName == "r")
        #expect(set.errors.first?.message.hasPrefix("reference loop in list") == true)
    }

    @Test func anUnknownFieldIsAnError() {
        let set = loadRules(ruleItem("r", condition: "proc.nobody=cat"))
        #expect(set.errorCodes == ["unknownField"])
        #expect(set.errors.first?.message == "filter_check called with nonexistent field proc.nobody")
        #expect(set.skippedRules.isEmpty)
    }

    @Test func anUnknownFieldInADisabledRuleIsStillAnError() {
        let set = loadRules(ruleItem("r", condition: "proc.nobody=cat", extra: "  enabled: false"))
        #expect(set.errorCodes == ["unknownField"])
    }

    @Test func skipIfUnknownFilterTurnsAnUnknownFieldIntoAWarningAndSkipsTheRule() {
        let set = loadRules(ruleItem("r", condition: "proc.nobody=cat", extra: "  skip-if-unknown-filter: true"))
        #expect(set.errors.isEmpty)
        #expect(codes(set, .warning) == ["unknownFieldSkipped"])
        #expect(set.rule(named: "r")?.skipped == true)
        #expect(set.rule(named: "r")?.unsupportedFields == ["proc.nobody"])
        #expect(set.skippedRules.map(\.name) == ["r"])
    }

    @Test func aFieldFalcoKnowsButTheModelDoesNotServeSkipsTheRuleWithAWarning() {
        let field = "proc.exe_ino.ctime_duration_pidns_start"
        let set = loadRules(ruleItem("r", condition: "evt.type=execve and \(field)>12"))
        #expect(set.errors.isEmpty)
        #expect(codes(set, .warning) == ["unsupportedField"])
        #expect(set.rule(named: "r")?.skipReason?.contains(field) == true)
        #expect(set.rule(named: "r")?.unsupportedFields == [field])
    }

    @Test func anUnknownExceptionFieldIsAnErrorOnTheException() {
        let set = loadRules(ruleItem("r", extra: "  exceptions:\n    - name: ex1\n      fields: [not.exist]"))
        #expect(set.errorCodes == ["unknownField"])
        #expect(set.errors.first?.itemKind == .exception && set.errors.first?.itemName == "ex1")
        #expect(set.errors.first?.message == "'not.exist' is not a supported filter field")
    }

    @Test func anExceptionFieldThatDoesNotParseIsAnError() {
        let set = loadRules(ruleItem("r", extra: "  exceptions:\n    - name: ex1\n      fields: [\"proc.name[\"]"))
        #expect(set.errorCodes == ["invalidException"])
        #expect(set.errors.first?.itemName == "ex1")
    }

    @Test func anUnknownOutputFieldIsAnError() {
        let text = ruleItem("r").replacingOccurrences(of: "output: o", with: "output: \"seen %not_a_real_field\"")
        let set = loadRules(text)
        #expect(set.errorCodes == ["invalidOutput"])
        #expect(set.errors.first?.message == "invalid formatting token not_a_real_field")
    }

    @Test(arguments: [
        "\"%proc.name %proc.aname[2] %evt.arg.flags\"", "\"100%% done %tolower(proc.name)\"", "\"50% off\"",
        "\"%\"",
    ])
    func servedOutputFieldsAndLiteralPercentsAreAccepted(output: String) {
        let set = loadRules(ruleItem("r").replacingOccurrences(of: "output: o", with: "output: \(output)"))
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
    }

    @Test func nonSyscallRulesAreNotCheckedAgainstTheEventModel() {
        let set = loadRules(ruleItem("r", condition: "ka.verb=create", extra: "  source: k8s_audit"))
        #expect(set.errors.isEmpty)
    }

    @Test func validationCanBeTurnedOff() {
        var loader = RulesLoader()
        loader.validatesConditions = false
        let set = loader.load(path: "a.yaml", text: ruleItem("r", condition: "proc.nobody=cat and"))
        #expect(set.diagnostics.isEmpty)
    }

    @Test func randomConditionsAndOutputsNeverCrash() {
        var random = SplitMix64(seed: 0xC0_4D17)
        let pieces = [
            "proc.name", "=", "(", ")", "and", "or", "not", "m", "l", "in", "%", "%%", "evt.type", "[", "]", "\"",
            "x.y", "exists", ",", "val(", "tolower(", " ", "%proc.name", "fd.sip.name",
        ]
        var rejected = 0
        for _ in 0..<300 {
            var condition = ""
            var output = ""
            for _ in 0..<Int(random.next() % 8) {
                condition += pieces[Int(random.next() % UInt64(pieces.count))] + " "
                output += pieces[Int(random.next() % UInt64(pieces.count))]
            }
            let yaml =
                "- macro: m\n  condition: m or evt.type=open\n- list: l\n  items: [l, a]\n"
                + "- rule: r\n  desc: d\n  condition: '\(condition.replacingOccurrences(of: "'", with: "''"))'\n"
                + "  output: '\(output.replacingOccurrences(of: "'", with: "''"))'\n  priority: INFO\n"
            let set = loadRules(yaml)
            if !set.isValid { rejected += 1 }
            #expect(set.diagnostics.allSatisfy { $0.line >= 1 && $0.file == "a.yaml" })
        }
        #expect(rejected > 0)
    }
}
