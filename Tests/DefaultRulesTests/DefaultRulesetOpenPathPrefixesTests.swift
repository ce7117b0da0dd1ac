import DefaultRules
import FalcoRules
import RuleEngine
import RuntimeEvents
import Testing

/// The open path prefixes (`OpenPathPrefixes`) of the built-in ruleset: what `bulkhead watch` writes into the
/// kernel sensor's open path filter.
@Suite struct DefaultRulesetOpenPathPrefixesTests {
    private typealias H = DefaultRulesHarness

    @Test func theBuiltInRulesetGivesPrefixes() {
        let derived = OpenPathPrefixes(engine: H.engine, ruleSet: H.ruleSet)
        print(
            "built-in ruleset open path prefixes: \(derived.prefixes.map { $0.sorted().description } ?? "nil");",
            "unbounded rules: \(derived.unboundedRules)"
        )
        #expect(derived.prefixes != nil, "unbounded rules: \(derived.unboundedRules)")
        let prefixes = derived.prefixes ?? []
        for expected in ["/etc", "/bin", "/usr/bin", "/var/run/docker.sock", "/run/docker.sock"] {
            #expect(prefixes.contains(expected), "\(expected)")
        }
        #expect(!prefixes.contains { $0 == "/" || $0 == "/tmp" || $0 == "/home" })
    }

    /// In every scenario of RuleCases, an open a rule fires on whose path is absolute and plain (no `//`, no
    /// `/.`) starts with one of the prefixes: the kernel filter would have let it through.
    @Test func everyOpenAScenarioFiresOnPassesTheFilter() throws {
        let prefixes = try #require(OpenPathPrefixes(engine: H.engine, ruleSet: H.ruleSet).prefixes)
        let opens: Set<EventType> = [.open, .openat, .openat2, .creat]
        var checked = 0
        for scenario in RuleCases.all where scenario.fires {
            let text = ([EventRecording.header] + scenario.lines).joined(separator: "\n") + "\n"
            let recording = try EventRecording.decode(text, source: "scenario")
            for alert in try H.alerts(scenario.lines) {
                let event = recording.events[alert.line]
                guard opens.contains(event.type), let path = event.argument("name")?.stringValue,
                    path.hasPrefix("/"), !path.contains("//"), !path.contains("/.")
                else { continue }
                checked += 1
                #expect(prefixes.contains { path.hasPrefix($0) }, "\(alert.rule) fires on \(path)")
            }
        }
        print("built-in ruleset: \(checked) firing opens checked against the open path prefixes")
        #expect(checked > 0)
    }
}
