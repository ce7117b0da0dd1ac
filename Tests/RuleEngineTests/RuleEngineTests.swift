import FalcoCondition
import FalcoRules
import RuntimeEvents
import TestSupport
import Testing

@testable import RuleEngine

@Suite struct RuleEngineTests {
    private static func load(_ text: String) -> RuleSet { RulesLoader().load(path: "test.yaml", text: text) }

    private static let small = """
        - list: shells
          items: [bash, sh]
        - macro: opens
          condition: evt.type in (open, openat)
        - rule: Shell opens file
          desc: d
          condition: opens and proc.name in (shells)
          output: o
          priority: WARNING
          exceptions:
            - name: known_files
              fields: fd.name
              comps: in
              values: [/etc/hosts, /etc/resolv.conf]
            - name: pairs
              fields: [proc.name, fd.directory]
              comps: [=, startswith]
              values: [[sh, /tmp]]
        - rule: Any event by cat
          desc: d
          condition: proc.name = cat
          output: o
          priority: DEBUG
        - rule: Unknown field rule
          desc: d
          condition: evt.type = openat and nosuch.field = 1
          output: o
          priority: ERROR
          skip-if-unknown-filter: true
        - rule: Broken rule
          desc: d
          condition: evt.type = openat and other.field = 1
          output: o
          priority: ERROR
        - rule: Plugin rule
          desc: d
          condition: ct.name = x
          output: o
          priority: ERROR
          source: aws_cloudtrail
        """

    @Test func loadReportAndExceptions() {
        let engine = RuleEngine(ruleSet: Self.load(Self.small))
        #expect(engine.report.compiled == ["Shell opens file", "Any event by cat"])
        #expect(engine.report.skipped.map(\.rule) == ["Plugin rule", "Unknown field rule"].sorted().reversed())
        #expect(engine.report.skipped.flatMap(\.unknownFields) == ["nosuch.field"])
        #expect(engine.report.failures.map(\.rule) == ["Broken rule"])
        #expect(engine.report.failures.first?.origin.file == "test.yaml")
        #expect(engine.report.failures.first?.unknownFields == ["other.field"])
        let names = { (path: String, comm: String) in
            engine.evaluate(TestEvents.open(path, comm: comm), table: ProcessTable()).map(\.ruleName)
        }
        #expect(names("/etc/shadow", "bash") == ["Shell opens file"])
        #expect(names("/etc/hosts", "bash").isEmpty)
        #expect(names("/tmp/x", "sh").isEmpty)
        #expect(names("/tmp/x", "bash") == ["Shell opens file"])
        #expect(names("/etc/hosts", "cat") == ["Any event by cat"])
    }

    @Test func optionsSelectRulesAndMatchingMode() {
        let rules = Self.load(
            """
            - rule: A
              desc: d
              condition: evt.type = openat
              output: o
              priority: ERROR
              tags: [t1]
            - rule: B
              desc: d
              condition: evt.type = openat
              output: o
              priority: DEBUG
            - rule: C
              desc: d
              condition: evt.type = openat
              output: o
              priority: ERROR
              enabled: false
            """
        )
        let event = TestEvents.open("/x")
        #expect(RuleEngine(ruleSet: rules).evaluate(event, table: ProcessTable()).map(\.ruleName) == ["A", "B"])
        let first = RuleEngine(ruleSet: rules, options: RuleEngineOptions(matching: .first))
        #expect(first.evaluate(event, table: ProcessTable()).map(\.ruleName) == ["A"])
        let strict = RuleEngine(ruleSet: rules, options: RuleEngineOptions(minimumPriority: .warning))
        #expect(strict.evaluate(event, table: ProcessTable()).map(\.ruleName) == ["A"])
        let tagged = RuleEngine(
            ruleSet: rules,
            options: RuleEngineOptions(enabledRules: ["C"], disabledTags: ["t1"])
        )
        #expect(tagged.evaluate(event, table: ProcessTable()).map(\.ruleName) == ["B", "C"])
    }

    @Test func eventTypeIndexSkipsRulesThatCannotMatch() {
        let engine = RuleEngine(ruleSet: Self.load(Self.small))
        var statistics = RuleEngine.Statistics()
        let connect = TestEvents.connect(to: "1.2.3.4", port: 80)
        #expect(engine.evaluate(connect, table: ProcessTable(), statistics: &statistics).isEmpty)
        // Only the catch-all rule ("Any event by cat") is evaluated for connect.
        #expect(statistics.conditionsEvaluated == 1)
        _ = engine.evaluate(TestEvents.open("/x"), table: ProcessTable(), statistics: &statistics)
        #expect(statistics.conditionsEvaluated == 3)
        #expect(engine.candidates(for: "openat").map(\.rule.name) == ["Shell opens file", "Any event by cat"])

        let typed = RuleEngine(
            ruleSet: Self.load(Self.small),
            options: RuleEngineOptions(disabledRules: ["Any event by cat"])
        )
        var none = RuleEngine.Statistics()
        #expect(typed.evaluate(connect, table: ProcessTable(), statistics: &none).isEmpty)
        #expect(none.conditionsEvaluated == 0)
    }
}
