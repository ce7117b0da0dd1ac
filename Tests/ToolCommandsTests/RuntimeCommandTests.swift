import Foundation
import TestSupport
import Testing
import ToolCommands

/// `bulkhead rules validate` and `bulkhead watch --replay`, in process.
struct RuntimeCommandTests {
    static let rulesCurrent = ["falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"]

    func run(_ arguments: [String], in directory: String = "/") -> (Int32, CapturedOutput) {
        let (io, output) = CommandIO.capturing(environment: ["HOSTNAME": "test-host"], currentDirectory: directory)
        return (Bulkhead.run(arguments: arguments, io: io), output)
    }

    /// A container shell spawn: runc forks, the child execs bash with a terminal.
    static func shellSpawn(containerID: String?) -> String {
        let container = containerID.map { #","container":{"id":"\#($0)","name":"web","image":"nginx:1.27"}"# } ?? ""
        return """
            {"format":"bulkhead-events","version":1}
            {"num":1,"ts":1764403200000000000,"type":"clone","res":101,"thread":{"pid":100,"ppid":1,"comm":"runc","exe":"runc","exepath":"/usr/bin/runc","args":["init"]}\(container)}
            {"num":2,"ts":1764403200000100000,"type":"execve","res":0,"args":{"filename":{"path":"/bin/bash"}},"thread":{"pid":101,"ppid":100,"comm":"bash","exe":"bash","exepath":"/bin/bash","args":["-i"],"tty":34816,"uid":0,"user":"root"}\(container)}

            """
    }

    @Test func validatesTheCurrentRulesFiles() throws {
        let paths = Self.rulesCurrent.compactMap { Corpus.path("falco/rules-current/\($0)") }
        try #require(paths.count == 3, "corpus not found")
        let (code, output) = run(["rules", "validate"] + paths)
        #expect(code == 0, "\(output.stdout)\(output.stderr)")
        #expect(!output.stdout.contains(": error: "))
        #expect(output.stdout.contains("3 file(s): "))
        #expect(output.stdout.contains("0 error(s)"))
        #expect(output.stdout.hasSuffix("valid\n"))

        let (jsonCode, json) = run(["rules", "validate", "--format", "json"] + paths)
        #expect(jsonCode == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(parsed?["schemaVersion"] as? Int == 1)
        #expect(parsed?["valid"] as? Bool == true)
        let counts = parsed?["counts"] as? [String: Any]
        #expect(counts?["errors"] as? Int == 0)
        #expect((counts?["rules"] as? Int ?? 0) > 50)
        let skipped = parsed?["skippedRules"] as? [[String: Any]] ?? []
        #expect(skipped.count == counts?["skipped"] as? Int)
        // Every skipped rule is listed in the text summary with its fields.
        for rule in skipped {
            let name = rule["rule"] as? String ?? "?"
            #expect(output.stdout.contains("skipped: rule '\(name)'"))
        }
    }

    @Test func aBrokenRulesFileExitsTwoWithFileAndLine() throws {
        let dir = try ScratchDirectory()
        try dir.write(
            "rules/broken.yaml",
            """
            - list: shells
              items: [bash, sh]

            - rule: Broken
              desc: uses an undefined macro
              condition: evt.type = execve and not_a_macro_anywhere and proc.name in (shells
              output: "shell %proc.name"
              priority: WARNING

            """
        )
        let (code, output) = run(["rules", "validate", "rules/broken.yaml"], in: dir.path)
        #expect(code == 2)
        #expect(output.stdout.contains("rules/broken.yaml:4: error: rule 'Broken': "), "\(output.stdout)")
        #expect(output.stdout.hasSuffix("invalid\n"))

        // A directory loads its *.yaml files; the same error comes out.
        let (dirCode, dirOutput) = run(["rules", "validate", "--format", "json", "rules"], in: dir.path)
        #expect(dirCode == 2)
        #expect(
            dirOutput.stdout.contains(#""file": "rules/broken.yaml""#)
                || dirOutput.stdout.contains(#""file":"rules/broken.yaml""#)
        )
    }

    @Test func validateWithoutRulesIsAUsageError() {
        let (code, output) = run(["rules", "validate"])
        #expect(code == 2)
        #expect(output.stderr.contains("name at least one rules file"))
    }

    @Test func replayOfAContainerShellRaisesTerminalShellInContainer() throws {
        let rules = try #require(Corpus.path("falco/rules-current/falco_rules.yaml"), "corpus not found")
        let dir = try ScratchDirectory()
        try dir.write("shell.jsonl", Self.shellSpawn(containerID: "3ad7b26ded6d"))
        let (code, output) = run(["watch", "--replay", "shell.jsonl", "--rules", rules], in: dir.path)
        #expect(code == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 1, "\(output.stdout)")
        let line = String(lines.first ?? "")
        #expect(line.contains(": Notice A shell was spawned in a container with an attached terminal"))
        #expect(line.contains("container_id=3ad7b26ded6d"))
        #expect(line.contains("parent=runc"))
        #expect(output.stderr.contains("2 events, 1 alerts"))
        #expect(output.stderr.contains("1\tTerminal shell in container"))

        let (jsonCode, json) = run(
            ["watch", "--replay", "shell.jsonl", "--rules", rules, "--json-output", "--fail-on", "notice"],
            in: dir.path
        )
        #expect(jsonCode == 1)
        let alert = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(alert?["rule"] as? String == "Terminal shell in container")
        #expect(alert?["priority"] as? String == "Notice")
        #expect(alert?["hostname"] as? String == "test-host")
        let fields = alert?["output_fields"] as? [String: Any]
        #expect(fields?["container.id"] as? String == "3ad7b26ded6d")

        // Disabling the rule, or keeping only warnings and above, silences it.
        let (_, disabled) = run(
            ["watch", "--replay", "shell.jsonl", "--rules", rules, "--disable-rule", "Terminal shell in container"],
            in: dir.path
        )
        #expect(disabled.stdout.isEmpty)
        let (_, filtered) = run(
            ["watch", "--replay", "shell.jsonl", "--rules", rules, "--min-priority", "warning"],
            in: dir.path
        )
        #expect(filtered.stdout.isEmpty)
    }

    /// `all` (the default) lets a custom rule alert next to Falco's; `first` keeps the first in file order.
    @Test func ruleMatchingAllByDefaultFirstOnRequest() throws {
        let rules = try #require(Corpus.path("falco/rules-current/falco_rules.yaml"), "corpus not found")
        let dir = try ScratchDirectory()
        try dir.write("shell.jsonl", Self.shellSpawn(containerID: "3ad7b26ded6d"))
        try dir.write(
            "custom.yaml",
            """
            - rule: Any bash in a container
              desc: custom rule loaded after Falco's
              condition: evt.type = execve and proc.name = bash and container.id != host
              output: bash started (%proc.cmdline)
              priority: WARNING

            """
        )
        let base = ["watch", "--replay", "shell.jsonl", "--rules", rules, "--rules", "custom.yaml"]
        let (allCode, all) = run(base, in: dir.path)
        #expect(allCode == 0, "\(all.stderr)")
        #expect(all.stdout.split(separator: "\n").count == 2, "\(all.stdout)")
        #expect(all.stdout.contains("bash started (bash -i)"))
        #expect(all.stdout.contains("A shell was spawned in a container"))

        let (firstCode, first) = run(base + ["--rule-matching", "first"], in: dir.path)
        #expect(firstCode == 0, "\(first.stderr)")
        #expect(first.stdout.split(separator: "\n").count == 1, "\(first.stdout)")
        #expect(first.stdout.contains("A shell was spawned in a container"))

        // The custom rule first in file order wins under `first`.
        let (_, reversed) = run(
            [
                "watch", "--replay", "shell.jsonl", "--rules", "custom.yaml", "--rules", rules, "--rule-matching",
                "first",
            ],
            in: dir.path
        )
        #expect(reversed.stdout.split(separator: "\n").count == 1, "\(reversed.stdout)")
        #expect(reversed.stdout.contains("bash started"))

        let (badCode, bad) = run(base + ["--rule-matching", "some"], in: dir.path)
        #expect(badCode == 2)
        #expect(bad.stderr.contains("use all or first"), "\(bad.stderr)")
    }

    @Test func theSameShellOnTheHostRaisesNothing() throws {
        let rules = try #require(Corpus.path("falco/rules-current/falco_rules.yaml"), "corpus not found")
        let dir = try ScratchDirectory()
        try dir.write("host.jsonl", Self.shellSpawn(containerID: nil))
        let (code, output) = run(["watch", "--replay", "host.jsonl", "--rules", rules], in: dir.path)
        #expect(code == 0, "\(output.stderr)")
        #expect(output.stdout.isEmpty, "\(output.stdout)")
        #expect(output.stderr.contains("2 events, 0 alerts"))
    }

    @Test func watchRejectsBadInput() throws {
        let rules = try #require(Corpus.path("falco/rules-current/falco_rules.yaml"), "corpus not found")
        let dir = try ScratchDirectory()
        try dir.write("bad.jsonl", "{\"format\":\"something-else\",\"version\":1}\n")
        // Live options are checked before the sensor is loaded.
        #expect(run(["watch", "--rules", rules, "--duration", "0"]).0 == 2)
        #expect(run(["watch", "--rules", rules, "--duration", "soon"]).0 == 2)
        #expect(run(["watch", "--replay", "bad.jsonl", "--rules", rules], in: dir.path).0 == 2)
        #expect(run(["watch", "--replay", "missing.jsonl", "--rules", rules], in: dir.path).0 == 2)
        try dir.write("ok.jsonl", Self.shellSpawn(containerID: "3ad7b26ded6d"))
        #expect(
            run(["watch", "--replay", "ok.jsonl", "--rules", rules, "--min-priority", "loud"], in: dir.path).0 == 2
        )
        #expect(
            run(["watch", "--replay", "ok.jsonl", "--rules", rules, "--rule", "No such rule"], in: dir.path).0 == 2
        )
    }
}
