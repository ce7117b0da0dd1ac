import FalcoRules
import Foundation
import TestSupport
import Testing

@Suite struct RulesLoaderFuzzTests {
    static let fragments = [
        "append: true", "override: {condition: append}", "override: {items: replace}", "override: [x]",
        "enabled: false", "- rule:", "- list: l", "- macro: m", "exceptions: [{name: e, values: [[a]]}]",
        "fields: [a, b]", "priority: nope", "required_engine_version: 99.0.0", "[", "{", ":", "- ", "&a x", "*a",
        "<<: *a", "'", "\"", "---", "\t", "items: {}", "condition: ~", "source: k8s_audit", "tags: [[x]]",
    ]

    /// A mutated copy of `text`: lines deleted, duplicated, swapped, re-indented, or spliced with fragments.
    static func mutate(_ text: String, random: inout SplitMix64) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<(1 + Int(random.next() % 4)) where !lines.isEmpty {
            let index = Int(random.next() % UInt64(lines.count))
            switch random.next() % 7 {
            case 0: lines.remove(at: index)
            case 1: lines.insert(lines[index], at: index)
            case 2: lines.swapAt(index, Int(random.next() % UInt64(lines.count)))
            case 3: lines[index] = "  " + lines[index]
            case 4: lines[index] = String(lines[index].drop { $0 == " " })
            case 5: lines.insert("  " + random.pick(fragments), at: index)
            default:
                var characters = Array(lines[index])
                if !characters.isEmpty {
                    characters[Int(random.next() % UInt64(characters.count))] = random.pick(Array(":-[]{}'\"# &*!|>x"))
                }
                lines[index] = String(characters)
            }
        }
        return lines.joined(separator: "\n")
    }

    static func check(_ set: RuleSet, files: [(path: String, text: String)]) {
        for diagnostic in set.diagnostics {
            let text = files.first { $0.path == diagnostic.file }?.text
            #expect(text != nil, "\(diagnostic)")
            let lineCount = (text?.split(separator: "\n", omittingEmptySubsequences: false).count ?? 0) + 1
            #expect((1...lineCount).contains(diagnostic.line), "\(diagnostic)")
        }
    }

    @Test func mutatedLegacyRuleFilesNeverCrash() throws {
        guard let directory = Corpus.path("falco/falco-legacy-tests/rules") else {
            #expect(!Corpus.integrationRequired, "the Falco legacy tests corpus is missing")
            return
        }
        let files = RulesFixtures.directoryFiles(directory).filter { $0.path.hasSuffix(".yaml") }
        #expect(files.count > 50)
        var random = SplitMix64(seed: 0x6_F41C0)
        var rejected = 0
        for iteration in 0..<1500 {
            let first = random.pick(files)
            let second = random.pick(files)
            let inputs = [
                (path: first.path, text: Self.mutate(first.text, random: &random)),
                (path: second.path + "#\(iteration)", text: Self.mutate(second.text, random: &random)),
            ]
            let set = RulesLoader().load(inputs)
            if !set.isValid { rejected += 1 }
            Self.check(set, files: inputs)
        }
        print("fuzz: \(rejected) of 1500 mutated file pairs rejected")
        #expect(rejected > 0)
    }

    @Test func mutatedCurrentRulesNeverCrash() throws {
        guard let text = RulesFixtures.corpusText("falco/rules-current/falco_rules.yaml") else {
            #expect(!Corpus.integrationRequired, "the Falco rules corpus is missing")
            return
        }
        var random = SplitMix64(seed: 42)
        for _ in 0..<25 {
            let inputs = [(path: "falco_rules.yaml", text: Self.mutate(text, random: &random))]
            Self.check(RulesLoader().load(inputs), files: inputs)
        }
    }

    @Test func randomBytesNeverCrash() {
        var random = SplitMix64(seed: 7)
        let alphabet = Array("- :[]{}\n  rule list macro append override items condition true'\"#&*!|>,")
        for _ in 0..<500 {
            let text = String((0..<Int(random.next() % 200)).map { _ in random.pick(alphabet) })
            let inputs = [(path: "random.yaml", text: text)]
            Self.check(RulesLoader().load(inputs), files: inputs)
        }
    }
}
