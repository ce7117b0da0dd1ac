import FalcoRules
import Testing

@Suite struct RulesLoaderExceptionTests {
    func load(_ exceptions: String) -> RuleSet { loadRules(ruleItem("r", extra: "  exceptions:\n" + exceptions)) }

    @Test func tupleFormDefaultsToEquals() {
        let set = load("    - name: e\n      fields: [proc.name, fd.name]\n      values: [[a, b], [c, [d, e]]]")
        #expect(set.errors.isEmpty)
        let exception = set.rule(named: "r")?.exceptions.first
        #expect(exception?.comps == ["=", "="])
        #expect(exception?.isSingleField == false)
        #expect(exception?.values == [[.text("a"), .text("b")], [.text("c"), .list(["d", "e"])]])
    }

    @Test func singleFieldFormDefaultsToIn() {
        let set = load("    - name: e\n      fields: fd.filename\n      values: [python, go]")
        let exception = set.rule(named: "r")?.exceptions.first
        #expect(exception?.comps == ["in"])
        #expect(exception?.fields == ["fd.filename"])
        #expect(exception?.values == [[.text("python")], [.text("go")]])
    }

    @Test func exceptionWithoutValuesIsAllowed() {
        let set = load("    - name: e\n      fields: [proc.name]\n      comps: [startswith]")
        #expect(set.errors.isEmpty)
        #expect(set.rule(named: "r")?.exceptions.first?.values == [])
    }

    @Test(arguments: [
        ("    - fields: [proc.name]", "missingField", ""),
        ("    - name: e\n      values: [[a]]", "invalidException", "e"),
        ("    - name: e\n      fields: [proc.name, fd.name]\n      comps: [=]", "invalidException", "e"),
        ("    - name: e\n      fields: [proc.name]\n      comps: [no-comp]", "invalidException", "e"),
        ("    - name: e\n      fields: [proc.name, fd.name]\n      values: [[a]]", "invalidException", "e"),
        ("    - name: e\n      fields: [proc.name]\n      values: [a]", "invalidException", "e"),
        ("    - name: e\n      fields: fd.name\n      comps: [in]", "invalidException", "e"),
        ("    - name: e\n      fields: [proc.name]\n      comps: in", "invalidException", "e"),
        ("    - name: e\n      fields: {a: b}", "wrongType", "e"),
        ("    - name: e\n      fields: [proc.name]\n      colour: red", "unknownKey", "e"),
        ("    - just a string", "wrongType", ""),
    ])
    func invalidExceptionsAreErrors(text: String, code: String, name: String) {
        let set = load(text)
        #expect(set.errorCodes == [code])
        #expect(set.errors.first?.itemKind == .exception)
        #expect(set.errors.first?.itemName == name)
        #expect(set.errors.first?.line ?? 0 >= 7)
        #expect(set.rule(named: "r") == nil)
    }

    @Test func duplicateExceptionNamesWarn() {
        let set = load("    - name: e\n      fields: [proc.name]\n    - name: e\n      fields: [fd.name]")
        #expect(set.errors.isEmpty)
        #expect(set.warnings.map { "\($0.code)" } == ["duplicateExceptionName"])
        #expect(set.warnings.first?.line == 9)
    }

    @Test func appendingValuesOfTheWrongLengthIsAnError() {
        let set = loadRules(
            ruleItem("r", extra: "  exceptions:\n    - name: e\n      fields: [proc.name, fd.name]"),
            "- rule: r\n  append: true\n  exceptions:\n    - name: e\n      values: [[a]]\n"
        )
        #expect(set.errorCodes == ["invalidException"])
        #expect(set.errors.first?.file == "b.yaml")
    }

    @Test func appendingWithDifferentFieldsIsAnError() {
        let set = loadRules(
            ruleItem("r", extra: "  exceptions:\n    - name: e\n      fields: [proc.name]"),
            "- rule: r\n  append: true\n  exceptions:\n    - name: e\n      fields: [fd.name]\n      values: [[a]]\n"
        )
        #expect(set.errorCodes == ["invalidException"])
    }

    @Test func everySupportedComparisonIsAccepted() {
        for comp in RuleException.supportedComparisons.sorted() {
            let set = load("    - name: e\n      fields: [proc.name]\n      comps: ['\(comp)']\n      values: [[a]]")
            #expect(set.errors.isEmpty, "\(comp)")
        }
    }
}
