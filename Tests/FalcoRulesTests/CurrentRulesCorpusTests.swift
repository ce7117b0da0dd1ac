import FalcoRules
import Foundation
import SecurityModel
import TestSupport
import Testing

@Suite struct CurrentRulesCorpusTests {
    static let files = ["falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"]

    /// Counts distinct list, macro and rule names over the files with PyYAML.
    static let countProgram = """
        import json, sys, yaml
        names = {"list": set(), "macro": set(), "rule": set()}
        for path in sys.argv[1:]:
            for doc in yaml.safe_load_all(open(path)):
                for item in doc or []:
                    for kind in names:
                        if kind in item and not item.get("append") and "override" not in item:
                            names[kind].add(item[kind])
        print(json.dumps({kind: len(found) for kind, found in names.items()}))
        """

    @Test func theThreeCurrentFilesLoadTogetherWithoutErrors() throws {
        let paths = Self.files.map { Corpus.path("falco/rules-current/\($0)") }
        guard paths.allSatisfy({ $0 != nil }) else {
            #expect(!Corpus.integrationRequired, "the Falco rules corpus is missing")
            return
        }
        let inputs = try paths.compactMap { $0 }.map {
            (path: $0, text: try String(contentsOfFile: $0, encoding: .utf8))
        }
        let ruleSet = RulesLoader().load(inputs)
        for diagnostic in ruleSet.diagnostics { print(diagnostic) }
        #expect(ruleSet.errors.isEmpty)
        for rule in ruleSet.skippedRules {
            print("skipped: \(rule.name) [\(rule.origin)]: \(rule.unsupportedFields.joined(separator: ", "))")
        }
        // The event model serves every field the three files use: no rule is skipped.
        #expect(ruleSet.skippedRules.isEmpty)
        #expect(ruleSet.warnings.allSatisfy { "\($0.code)" != "unsupportedField" })
        #expect(ruleSet.warnings.allSatisfy { "\($0.code)" != "unknownFieldSkipped" })
        print(
            "rules-current: \(ruleSet.lists.count) lists, \(ruleSet.macros.count) macros, \(ruleSet.rules.count) rules"
                + " (\(ruleSet.rules.filter(\.enabled).count) enabled), engine \(ruleSet.requiredEngineVersion.map { "\($0)" } ?? "-")"
        )
        #expect(ruleSet.requiredEngineVersion == EngineVersion(major: 0, minor: 57, patch: 0))
        #expect(ruleSet.pluginRequirements.map(\.name) == ["container", "container", "container"])
        #expect(ruleSet.rules.allSatisfy { !$0.condition.isEmpty && !$0.output.isEmpty })
        #expect(ruleSet.rules.allSatisfy { $0.origin.line > 0 })

        guard RulesFixtures.hasPyYAML else {
            #expect(!Corpus.integrationRequired, "python3 with PyYAML is missing")
            return
        }
        let counts = try RulesFixtures.python(Self.countProgram, arguments: inputs.map(\.path))
        print("PyYAML: \(counts.serialized(pretty: false))")
        #expect(counts["list"]?.integerValue == ruleSet.lists.count)
        #expect(counts["macro"]?.integerValue == ruleSet.macros.count)
        #expect(counts["rule"]?.integerValue == ruleSet.rules.count)
    }

    @Test func originsPointAtTheKindKeyLine() throws {
        guard let path = Corpus.path("falco/rules-current/falco_rules.yaml") else {
            #expect(!Corpus.integrationRequired, "the Falco rules corpus is missing")
            return
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let ruleSet = RulesLoader().load(path: path, text: text)
        #expect(!ruleSet.rules.isEmpty)
        for rule in ruleSet.rules {
            let line = String(lines[rule.origin.line - 1])
            #expect(line.hasPrefix("- rule:") && line.contains(rule.name), "\(rule.name) at \(rule.origin)")
        }
        for macro in ruleSet.macros {
            #expect(String(lines[macro.origin.line - 1]).hasPrefix("- macro: \(macro.name)"))
        }
    }
}
