import RuntimeEvents
import TestSupport
import Testing

/// The table's derived state (the child index, the last descriptor name change) stays what a full recomputation
/// gives, on random fork/exec/exit/descriptor streams over a few pids, with subreapers and pid reuse.
@Suite struct ProcessTableIndexTests {
    private static let names = ["sh", "bash", "sshd", "cat", "nginx"]
    private static let paths = ["/etc/passwd", "/etc/shadow", "/tmp/x", "relative", "/tmp/../etc/hosts", ""]

    private static func event(_ random: inout SplitMix64, pids: ClosedRange<Int64>) -> RuntimeEvent {
        let pid = Int64(random.next() % UInt64(pids.count)) + pids.lowerBound
        let ppid = random.oneIn(5) ? 1 : Int64(random.next() % UInt64(pids.count)) + pids.lowerBound
        let thread = Scenario.thread(pid, ppid: ppid, random.pick(names))
        let fd = Int64(random.next() % 6)
        switch random.next() % 10 {
        case 0, 1:
            let child = Int64(random.next() % UInt64(pids.count)) + pids.lowerBound
            return Scenario.fork(thread, child: child, flags: random.oneIn(6) ? ["CLONE_THREAD"] : [])
        case 2: return Scenario.exec(pid, ppid: ppid, random.pick(names))
        case 3: return Scenario.exit(thread)
        case 4, 5:
            let flags = random.oneIn(3) ? ["O_RDONLY", "O_CLOEXEC"] : ["O_RDONLY"]
            return Scenario.open(thread, random.pick(paths), fd: random.oneIn(8) ? -2 : fd, flags: flags)
        case 6: return Scenario.call(.close, thread, result: 0, [EventArgument("fd", .integer(fd))])
        case 7:
            return Scenario.call(
                .dup2,
                thread,
                result: Int64(random.next() % 6),
                [EventArgument("oldfd", .integer(fd))]
            )
        case 8:
            let on = random.oneIn(2) ? 1 : 0
            return Scenario.call(
                .prctl,
                thread,
                result: 0,
                [
                    EventArgument("option", .string("PR_SET_CHILD_SUBREAPER")),
                    EventArgument("arg2", .integer(Int64(on))),
                ]
            )
        default:
            var event = Scenario.open(thread, random.pick(paths), fd: fd)
            event.direction = .enter
            return event
        }
    }

    @Test func childIndexAndNameChangesMatchARecomputation() {
        for seed in UInt64(1)...6 {
            var random = SplitMix64(seed: seed)
            var table = ProcessTable(maximumProcesses: seed == 6 ? 8 : 65_536, maximumDescriptorsPerProcess: 4)
            let pids: ClosedRange<Int64> = 2...14
            var changes = 0
            var previous: RuntimeEvent?
            for step in 1...1_500 {
                let event = Self.event(&random, pids: pids)
                // Before apply, the change it would make (unless it repeats the event just applied)…
                let pending = event == previous ? nil : table.nameChange(causedBy: event)
                table.apply(event)
                if event != previous { #expect(table.lastNameChange == pending, "seed \(seed) step \(step)") }
                previous = event
                // …after apply, the change it made (the table keeps the event only when it made one).
                #expect(table.nameChange(causedBy: event) == table.lastNameChange, "seed \(seed) step \(step)")
                if table.lastNameChange != nil { changes += 1 }
                guard step % 50 == 0 else { continue }
                for parent in Int64(0)...15 {
                    let expected = (Int64(0)...15).filter { pid in
                        pid != parent && table.process(pid)?.thread.ppid == parent
                    }
                    #expect(
                        table.children(of: parent).map(\.pid) == expected,
                        "seed \(seed) step \(step) parent \(parent)"
                    )
                }
            }
            if seed < 6 { #expect(changes > 0, "seed \(seed)") }
        }
    }
}
