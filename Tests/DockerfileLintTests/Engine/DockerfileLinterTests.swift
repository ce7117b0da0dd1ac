import DockerfileLint
import DockerfileSyntax
import SecurityModel
import Testing

struct DockerfileLinterTests {
    let linter = DockerfileLinter(rules: [BadWordRule(), SecretEnvRule()])

    @Test func reportsViolationsAsFindingsWithSnippet() {
        let result = linter.lint(source: "FROM alpine:3\nRUN echo bad\n", path: "df")
        #expect(result.findings.map(\.ruleID) == ["DF9001"])
        let f = result.findings[0]
        #expect(f.location.file == "df")
        #expect(f.location.range?.start.line == 2)
        #expect(f.location.snippet == "RUN echo bad")
        #expect(f.aliases == ["DL9001"])
        #expect(f.fixable)
    }

    @Test func offByDefaultRulesRunOnlyWhenEnabled() {
        let source = "FROM a:1\nENV TOKEN=hunter22\n"
        #expect(linter.lint(source: source, path: "df").findings.isEmpty)
        var enabled = linter
        enabled.options.enabledRules = ["secret-env"]
        let findings = enabled.lint(source: source, path: "df").findings
        #expect(findings.map(\.ruleID) == ["DF9002"])
        #expect(!findings[0].message.contains("hunter22"))
        #expect(findings[0].location.snippet == "ENV TOKEN=****")
    }

    @Test func secretsAreMaskedInOtherRulesFindingsToo() {
        var l = DockerfileLinter(rules: [SecretEnvRule(), EveryInstructionRule()])
        l.options.enabledRules = ["DF9002"]
        let findings = l.lint(source: "FROM a:1\nENV TOKEN=hunter22\n", path: "df").findings
        #expect(findings.count == 3)
        for f in findings {
            #expect(!f.message.contains("hunter22") && !(f.location.snippet ?? "").contains("hunter22"))
        }
    }

    @Test func disabledRulesByAliasDoNotRun() {
        var l = linter
        l.options.disabledRules = ["dl9001"]
        #expect(l.lint(source: "FROM a:1\nRUN bad\n", path: "df").findings.isEmpty)
    }

    @Test func severityOverrideApplies() {
        var l = linter
        l.options.severityOverrides = ["DF9001": .critical]
        #expect(l.lint(source: "FROM a:1\nRUN bad\n", path: "df").findings.first?.severity == .critical)
    }

    @Test func hadolintAndBulkheadPragmasIgnoreNextInstructionOnly() {
        let source = """
            FROM a:1
            # hadolint ignore=DL9001
            RUN bad
            # bulkhead ignore=bad-word
            # another comment
            RUN bad
            RUN bad

            """
        let lines = linter.lint(source: source, path: "df").findings.map { $0.location.range?.start.line }
        #expect(lines == [7])
    }

    @Test func globalPragmaIgnoresWholeFile() {
        let source = "FROM a:1\nRUN bad\n# hadolint global ignore=DL3008,DL9001\nRUN bad\n"
        #expect(linter.lint(source: source, path: "df").findings.isEmpty)
    }

    @Test func pragmasAreNotHonouredWhenDisabled() {
        var l = linter
        l.options.allowInlineIgnores = false
        let source = "FROM a:1\n# hadolint ignore=DL9001\nRUN bad\n"
        #expect(l.lint(source: source, path: "df").findings.count == 1)
    }

    @Test func parseErrorsBecomeFindingsAndLintingContinues() {
        let source = "FROM a:1\nRUN bad\nRUN <<EOF\necho\n"
        let findings = linter.lint(source: source, path: "df").findings
        #expect(findings.contains { $0.ruleID == "DF1000" && $0.location.range?.start.line == 3 })
        #expect(findings.contains { $0.ruleID == "DF9001" })
    }
}

struct FixApplierTests {
    @Test func appliesFixesUntilStable() {
        let applier = FixApplier(linter: DockerfileLinter(rules: [BadWordRule()]))
        let out = applier.fix(source: "FROM a:1\nRUN echo bad \\\n  bad\n", path: "df")
        #expect(out.text == "FROM a:1\nRUN echo good \\\n  good\n")
        #expect(out.applied.count == 2)
    }

    @Test func leavesCleanFilesAlone() {
        let applier = FixApplier(linter: DockerfileLinter(rules: [BadWordRule()]))
        let source = "FROM a:1\nRUN echo fine\n"
        let out = applier.fix(source: source, path: "df")
        #expect(out.text == source && out.applied.isEmpty)
    }

    @Test func unifiedDiffShowsChangedLines() {
        let diff = UnifiedDiff.make(old: "a\nb\nc\n", new: "a\nB\nc\n", path: "Dockerfile")
        #expect(diff == "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n")
        #expect(UnifiedDiff.make(old: "x\n", new: "x\n", path: "p").isEmpty)
    }

    @Test func redactionMasksLongestFirst() {
        #expect(Redaction.mask("k=abc abcdef", secrets: ["abc", "abcdef"]) == "k=**** ****")
        #expect(Redaction.mask("nothing", secrets: [""]) == "nothing")
    }
}
