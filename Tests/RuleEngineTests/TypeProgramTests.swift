import FalcoCondition
import FalcoRules
import RuntimeEvents
import TestSupport
import Testing

@testable import RuleEngine

/// The per-event-type programs (checks on `evt.type` answered when the engine is built) give each rule the verdict
/// of its own program, for every event type; and the open-mode, `proc.vpid` and descriptor-name fast paths agree
/// with the generic `FieldValue` form.
@Suite struct TypeProgramTests {
    private static func load(_ text: String) -> RuleSet { RulesLoader().load(path: "types.yaml", text: text) }

    /// `evt.type` tests in every position: first, last, under `not`, inside `or`, mixed with other fields, on
    /// rules indexed by type and on rules that apply to every type.
    private static let rules = """
        - macro: opens
          condition: evt.type in (open, openat, openat2)
        - rule: Open by shell
          desc: d
          condition: opens and proc.name in (sh, bash)
          output: o
          priority: WARNING
        - rule: Not connect
          desc: d
          condition: proc.name = cat and not evt.type = connect
          output: o
          priority: NOTICE
        - rule: Either
          desc: d
          condition: (evt.type = execve and proc.name = sh) or (evt.type != execve and proc.name = cat) or evt.type = ptrace
          output: o
          priority: ERROR
        - rule: Type last
          desc: d
          condition: proc.name in (sh, cat, nc) and (evt.type in (connect, sendto) or fd.name startswith /etc)
          output: o
          priority: INFO
        - rule: Never
          desc: d
          condition: evt.type = open and evt.type = connect
          output: o
          priority: DEBUG
        - rule: Always for opens
          desc: d
          condition: opens or not opens
          output: o
          priority: DEBUG
        - rule: Open modes
          desc: d
          condition: opens and (evt.is_open_write = true or evt.is_open_read = false) and proc.vpid != 1
          output: o
          priority: DEBUG
        """

    private static func event(_ random: inout SplitMix64, number: UInt64) -> RuntimeEvent {
        let type = random.pick(EventType.allCases)
        let thread = ThreadInfo(
            pid: 10 + Int64(random.next() % 4),
            ppid: 1,
            vpid: random.pick([nil, 1, 2]),
            comm: random.pick(["sh", "bash", "cat", "nc", "vi"]),
            cwd: random.pick(["/", "/etc", "/tmp"])
        )
        var arguments: [EventArgument] = []
        if random.oneIn(2) {
            let flags = random.pick([["O_RDONLY"], ["O_WRONLY"], ["O_RDWR", "O_CREAT"], ["O_WRONLY", "O_RDWR"], []])
            arguments.append(EventArgument("flags", .flags(FlagSet(names: flags))))
        }
        var fd: FileDescriptorInfo?
        if random.oneIn(2) {
            let name = random.pick([
                "/etc/shadow", "passwd", "../etc/x", "/tmp/../etc/y", "", String(repeating: "/a", count: 700),
            ])
            fd = FileDescriptorInfo(number: 3, kind: random.pick([.file, .directory, .ipv4]), name: name)
        }
        return RuntimeEvent(
            number: number,
            timestamp: number,
            type: type,
            direction: random.oneIn(8) ? .enter : .exit,
            result: 3,
            arguments: arguments,
            thread: thread,
            fd: fd
        )
    }

    @Test func typeProgramsGiveEachRuleItsOwnVerdictForEveryType() {
        let ruleSet = Self.load(Self.rules)
        let engine = RuleEngine(ruleSet: ruleSet)
        let firstOnly = RuleEngine(ruleSet: ruleSet, options: RuleEngineOptions(matching: .first))
        var reference = ConditionCompiler()
        reference.usesFastPaths = false
        let slow = RuleEngine(ruleSet: ruleSet, options: RuleEngineOptions(), compiler: reference)
        #expect(engine.report.failures.isEmpty)
        #expect(engine.rules.count == 7)
        var random = SplitMix64(seed: 0x7E_7E)
        var table = ProcessTable()
        var matchedTypes: Set<EventType> = []
        for number in 1...4_000 {
            let event = Self.event(&random, number: UInt64(number))
            table.apply(event)
            let shared = engine.evaluate(event, table: table).map(\.ruleName)
            let own = engine.candidates(for: event.type.name)
                .filter { $0.condition.evaluate(event, table: table) }
                .map(\.rule.name)
            #expect(shared == own, "event \(number): \(EventRecording.line(for: event))")
            #expect(slow.evaluate(event, table: table).map(\.ruleName) == own, "event \(number)")
            #expect(firstOnly.evaluate(event, table: table).map(\.ruleName) == Array(own.prefix(1)))
            if !shared.isEmpty { matchedTypes.insert(event.type) }
            #expect(!shared.contains("Never"))
        }
        // Matches on several types, so answered checks send rules both ways.
        #expect(matchedTypes.count > 5)
    }

    @Test func answeredChecksAreNotRunPerEvent() {
        let engine = RuleEngine(ruleSet: Self.load(Self.rules))
        var statistics = RuleEngine.Statistics()
        let open = RuntimeEvent(
            timestamp: 1,
            type: .openat,
            result: 3,
            thread: ThreadInfo(pid: 10, comm: "vi")
        )
        let matches = engine.evaluate(open, table: ProcessTable(), statistics: &statistics).map(\.ruleName)
        // "Always for opens" holds with no check run at all; the type tests of the others are answered.
        #expect(matches.contains("Always for opens"))
        var opensChecks = 0
        for rule in engine.candidates(for: "openat") { opensChecks += rule.condition.checkCount }
        #expect(statistics.checksEvaluated < opensChecks)
        #expect(statistics.checksEvaluated > 0)
    }

    @Test func fastFieldsAgreeWithTheGenericForm() throws {
        let conditions = [
            "evt.is_open_read = true", "evt.is_open_read = false", "evt.is_open_write = true",
            "evt.is_open_write != true", "evt.is_open_read exists", "proc.vpid = 1", "proc.vpid in (1, 2)",
            "proc.vpid > 1", "proc.vpid exists", "fd.name = /etc/shadow", "fd.name startswith /etc",
            "fd.directory = /etc", "fd.directory = /tmp", "fd.filename = shadow",
            "fd.filename = y", "fd.nameraw = passwd", "fd.type = file", "fd.typechar = d", "fd.name exists",
            "fd.name startswith /a/a/a", "fd.directory startswith /a", "fd.name = /etc/passwd and fd.nameraw = passwd",
        ]
        var reference = ConditionCompiler()
        reference.usesFastPaths = false
        var random = SplitMix64(seed: 0xF1E1D)
        var table = ProcessTable()
        var events: [RuntimeEvent] = []
        for number in 1...600 {
            let event = Self.event(&random, number: UInt64(number))
            table.apply(event)
            events.append(event)
        }
        for text in conditions {
            let node = try ConditionParser.parse(text)
            let fast = try ConditionCompiler().compile(node)
            let slow = try reference.compile(node)
            var held = 0
            for (index, event) in events.enumerated() {
                let a = fast.evaluate(event, table: table)
                #expect(a == slow.evaluate(event, table: table), "\(text), event \(index)")
                if a { held += 1 }
            }
            #expect(held > 0, "\(text) never held")
        }
    }
}
