import Foundation
import TestSupport
import Testing
import ToolCommands

/// `bulkhead rules test`, in process.
struct RulesTestCommandTests {
    func run(_ arguments: [String], in directory: String = "/") -> (Int32, CapturedOutput) {
        let (io, output) = CommandIO.capturing(currentDirectory: directory)
        return (Bulkhead.run(arguments: arguments, io: io), output)
    }

    static let failingCase = """
        - name: cat is not a shell
          events:
            - {type: execve, res: 0, thread: {pid: 5, ppid: 1, comm: cat, exe: cat, exepath: /usr/bin/cat}}
          expect: {fire: [Remove Bulk Data from Disk]}

        """

    @Test func theStableRuleTestsAllPass() throws {
        let rules = try #require(Corpus.path("falco/rules-current/falco_rules.yaml"), "corpus not found")
        let tests = Corpus.repositoryRoot + "/rules-tests/falco_rules.tests.yaml"
        let (code, output) = run(["rules", "test", tests, "--rules", rules])
        #expect(code == 0, "\(output.stdout)\(output.stderr)")
        #expect(!output.stdout.contains("FAIL "))
        let count = output.stdout.split(separator: "\n").count { $0.hasPrefix("PASS ") }
        #expect(count >= 19)
        #expect(output.stdout.contains("\(count) case(s): \(count) passed, 0 failed"))

        let (jsonCode, json) = run(["rules", "test", tests, "--rules", rules, "--format", "json"])
        #expect(jsonCode == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(parsed?["passed"] as? Bool == true)
        #expect((parsed?["counts"] as? [String: Any])?["cases"] as? Int == count)
    }

    @Test func aFailingCaseExitsOneAndNamesTheMissingRule() throws {
        let rules = try #require(Corpus.path("falco/rules-current/falco_rules.yaml"), "corpus not found")
        let dir = try ScratchDirectory()
        try dir.write("t/failing.yaml", Self.failingCase)
        let (code, output) = run(["rules", "test", "t", "--rules", rules], in: dir.path)
        #expect(code == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("FAIL cat is not a shell: missing 'Remove Bulk Data from Disk'"))
        #expect(output.stdout.contains("1 case(s): 0 passed, 1 failed"))
    }

    @Test func badInputExitsTwo() throws {
        let rules = try #require(Corpus.path("falco/rules-current/falco_rules.yaml"), "corpus not found")
        let dir = try ScratchDirectory()
        try dir.write(
            "bad-event.yaml",
            """
            - name: pid is text
              events:
                - {type: execve, thread: {pid: abc, comm: sh}}
              expect: {fire: [Remove Bulk Data from Disk]}

            """
        )
        try dir.write("not-yaml.yaml", "- name: [unclosed\n")
        try dir.write("unknown-rule.yaml", Self.failingCase.replacingOccurrences(of: "Remove Bulk", with: "No Such"))
        try dir.write("not-a-list.yaml", "name: x\n")

        let (eventCode, eventOutput) = run(["rules", "test", "bad-event.yaml", "--rules", rules], in: dir.path)
        #expect(eventCode == 2)
        #expect(eventOutput.stderr.contains("bad-event.yaml:3: case 'pid is text': event #1: thread.pid"))
        let (yamlCode, yamlOutput) = run(["rules", "test", "not-yaml.yaml", "--rules", rules], in: dir.path)
        #expect(yamlCode == 2)
        #expect(yamlOutput.stderr.contains("not-yaml.yaml:"))
        let (ruleCode, ruleOutput) = run(["rules", "test", "unknown-rule.yaml", "--rules", rules], in: dir.path)
        #expect(ruleCode == 2)
        #expect(ruleOutput.stderr.contains("no rule named 'No Such Data from Disk'"))
        let (listCode, listOutput) = run(["rules", "test", "not-a-list.yaml", "--rules", rules], in: dir.path)
        #expect(listCode == 2)
        #expect(listOutput.stderr.contains("expected a list of test cases"))
        let (missingCode, _) = run(["rules", "test", "absent.yaml", "--rules", rules], in: dir.path)
        #expect(missingCode == 2)
        let (noRulesCode, _) = run(["rules", "test", "bad-event.yaml"], in: dir.path)
        #expect(noRulesCode == 2)
    }

    @Test func randomTestFilesNeverCrash() throws {
        let rules = try #require(Corpus.path("falco/rules-current/falco_rules.yaml"), "corpus not found")
        let dir = try ScratchDirectory()
        var random = SplitMix64(seed: 6)
        let pieces = [
            "- ", "name: x\n", "  events:\n", "    - {type: execve, thread: {pid: 1}}\n", "  expect: ",
            "{fire: [Clear Log Activities]}\n", "[", "{", ":", "\n", "  ", "num: -1", "\"", "not_fire: 3\n",
        ]
        for round in 0..<30 {
            var text = ""
            for _ in 0..<Int(random.next() % 12) { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            try dir.write("f\(round).yaml", text)
            let (code, _) = run(["rules", "test", "f\(round).yaml", "--rules", rules], in: dir.path)
            #expect([0, 1, 2].contains(code))
        }
    }
}
