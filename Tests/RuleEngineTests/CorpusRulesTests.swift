import FalcoRules
import Foundation
import RuntimeEvents
import TestSupport
import Testing

@testable import RuleEngine

@Suite struct CorpusRulesTests {
    private static func ruleSet(_ name: String) throws -> RuleSet? {
        guard let path = Corpus.path("falco/rules-current/\(name)") else { return nil }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return RulesLoader().load(path: name, text: text)
    }

    @Test(arguments: ["falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"])
    func corpusFilesCompile(file: String) throws {
        guard let rules = try Self.ruleSet(file) else { return }
        let engine = RuleEngine(ruleSet: rules)
        let enabled = rules.rules.filter(\.enabled).count
        print(
            "\(file): \(enabled) enabled, \(engine.report.compiled.count) compiled,",
            "\(engine.report.skipped.count) skipped, \(engine.report.failures.count) failed;",
            "unknown fields: \(engine.report.unknownFields)"
        )
        for failure in engine.report.failures { print("  \(failure)") }
        // Every enabled rule of the three files compiles (25 stable, 31 incubating, 25 sandbox).
        #expect(enabled > 0)
        #expect(engine.report.compiled.count == enabled)
        #expect(engine.report.skipped.isEmpty)
        #expect(engine.report.failures.isEmpty)
        #expect(engine.report.unknownFields.isEmpty)
    }

    private static let runc = ThreadInfo(pid: 100, ppid: 1, comm: "runc", exe: "runc", exePath: "/usr/bin/runc")

    private static func shellSequence(container: ContainerInfo) -> (RuntimeEvent, ProcessTable) {
        var table = ProcessTable()
        let fork = RuntimeEvent(number: 1, timestamp: 1, type: .clone, result: 101, thread: runc, container: container)
        table.apply(fork)
        let bash = ThreadInfo(pid: 101, ppid: 100, comm: "bash", exe: "bash", exePath: "/bin/bash", tty: 34816)
        let exec = RuntimeEvent(number: 2, timestamp: 2, type: .execve, result: 0, thread: bash, container: container)
        table.apply(exec)
        return (exec, table)
    }

    @Test func terminalShellInContainer() throws {
        guard let rules = try Self.ruleSet("falco_rules.yaml") else { return }
        let engine = RuleEngine(ruleSet: rules)
        let (inContainer, table) = Self.shellSequence(container: TestEvents.container)
        #expect(engine.evaluate(inContainer, table: table).map(\.ruleName).contains("Terminal shell in container"))
        let (onHost, hostTable) = Self.shellSequence(container: .host)
        #expect(!engine.evaluate(onHost, table: hostTable).map(\.ruleName).contains("Terminal shell in container"))
        // No terminal: no alert.
        var noTTY = inContainer
        noTTY.thread.tty = 0
        #expect(!engine.evaluate(noTTY, table: table).map(\.ruleName).contains("Terminal shell in container"))
    }

    @Test func readSensitiveFileUntrusted() throws {
        guard let rules = try Self.ruleSet("falco_rules.yaml") else { return }
        let engine = RuleEngine(ruleSet: rules)
        let rule = "Read sensitive file untrusted"
        let byCat = engine.evaluate(TestEvents.open("/etc/shadow", comm: "evilbin"), table: ProcessTable())
        #expect(byCat.map(\.ruleName).contains(rule))
        let byPasswd = engine.evaluate(TestEvents.open("/etc/shadow", comm: "passwd"), table: ProcessTable())
        #expect(!byPasswd.map(\.ruleName).contains(rule))
        let other = engine.evaluate(TestEvents.open("/etc/hostname", comm: "cat"), table: ProcessTable())
        #expect(!other.map(\.ruleName).contains(rule))
    }
}
