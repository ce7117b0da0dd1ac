import RuntimeEvents
import TestSupport
import Testing

/// The table against a plain model on random streams: exec closes exactly the close-on-exec descriptors (the
/// table skips the work when all of them are, which it must only conclude when its close-on-exec set is known to
/// name open descriptors: seeded records may list numbers that are not open), fork copies, and pid lookups (the
/// table's own pid hashing) find every live process, with pids spread over the whole 64-bit range.
@Suite struct ProcessTableModelTests {
    private struct Model {
        var descriptors: [Int64: [Int64: String]] = [:]
        var closeOnExec: [Int64: Set<Int64>] = [:]
    }

    private static let paths = ["/a", "/b", "/c", "/d"]

    @Test func execAndForkMatchAModelOnRandomStreams() {
        for seed in UInt64(1)...8 {
            var random = SplitMix64(seed: seed)
            // Dense small pids for some seeds, sparse huge (and negative) ones for others.
            let pids: [Int64] =
                seed % 2 == 0
                ? Array(2...9)
                : (0..<8).map { _ in Int64(bitPattern: random.next() | 0x100) }
            var table = ProcessTable()
            var model = Model()
            var seeded: [ProcessRecord] = []
            for pid in pids {
                // Seeded records: some close-on-exec numbers are not open descriptors.
                var fds: [Int64: FileDescriptorInfo] = [:]
                var cloexec: Set<Int64> = []
                for number in Int64(3)...6 where random.oneIn(2) {
                    fds[number] = FileDescriptorInfo(number: number, kind: .file, name: random.pick(Self.paths))
                    if random.oneIn(2) { cloexec.insert(number) }
                }
                if random.oneIn(2) { cloexec.insert(Int64(7 + random.next() % 3)) }
                seeded.append(
                    ProcessRecord(
                        thread: Scenario.thread(pid, ppid: 1, "p"),
                        fileDescriptors: fds,
                        closeOnExec: cloexec
                    )
                )
                model.descriptors[pid] = fds.mapValues(\.name)
                model.closeOnExec[pid] = cloexec
            }
            table.seed(seeded)
            var live = Set(pids)
            // Execs where every open descriptor is close-on-exec (the case the table short-cuts).
            var allClosing = 0
            for step in 1...2_000 {
                let order = live.sorted()
                let pid = random.pick(order)
                let thread = Scenario.thread(pid, ppid: 1, "p")
                switch random.next() % 6 {
                case 0, 1:
                    let number = Int64(3 + random.next() % 5)
                    let path = random.pick(Self.paths)
                    let cloexec = random.oneIn(2)
                    table.apply(
                        Scenario.open(
                            thread,
                            path,
                            fd: number,
                            flags: cloexec ? ["O_RDONLY", "O_CLOEXEC"] : ["O_RDONLY"]
                        )
                    )
                    model.descriptors[pid, default: [:]][number] = path
                    if cloexec {
                        model.closeOnExec[pid, default: []].insert(number)
                    } else {
                        model.closeOnExec[pid, default: []].remove(number)
                    }
                case 2:
                    let number = Int64(3 + random.next() % 5)
                    table.apply(Scenario.call(.close, thread, result: 0, [EventArgument("fd", .integer(number))]))
                    model.descriptors[pid, default: [:]][number] = nil
                    model.closeOnExec[pid, default: []].remove(number)
                case 3:
                    table.apply(Scenario.exec(pid, ppid: 1, "p"))
                    let closing = model.closeOnExec[pid] ?? []
                    let open = Set((model.descriptors[pid] ?? [:]).keys)
                    if !open.isEmpty, open == closing { allClosing += 1 }
                    model.descriptors[pid] = (model.descriptors[pid] ?? [:]).filter { !closing.contains($0.key) }
                    model.closeOnExec[pid] = []
                case 4:
                    // A fork to a new pid (never one in use), which then becomes eligible.
                    // A child pid is positive (a negative clone result is an error).
                    let child = seed % 2 == 0 ? Int64(100 + step) : Int64(bitPattern: (random.next() >> 1) | 0x200)
                    guard !live.contains(child) else { continue }
                    table.apply(Scenario.fork(thread, child: child))
                    model.descriptors[child] = model.descriptors[pid] ?? [:]
                    model.closeOnExec[child] = model.closeOnExec[pid] ?? []
                    live.insert(child)
                default:
                    guard live.count > 2 else { continue }
                    table.apply(Scenario.exit(thread))
                    model.descriptors[pid] = nil
                    model.closeOnExec[pid] = nil
                    live.remove(pid)
                }
                for check in live.sorted() {
                    let record = table.process(check)
                    #expect(record != nil, "seed \(seed) step \(step) pid \(check)")
                    #expect(
                        record?.fileDescriptors.mapValues(\.name) == (model.descriptors[check] ?? [:]),
                        "seed \(seed) step \(step) pid \(check)"
                    )
                    #expect(record?.closeOnExec == (model.closeOnExec[check] ?? []), "seed \(seed) step \(step)")
                }
                #expect(table.count == live.count, "seed \(seed) step \(step)")
            }
            #expect(allClosing > 0, "seed \(seed)")
        }
    }

    /// `ancestorThread(of:generation:)` (which walks a parent index) finds the thread of
    /// `ancestor(of:generation:)` (which walks the records) for every pid and generation, on random streams with
    /// parent cycles, self-parents, exits, reparenting to subreapers and eviction.
    @Test func ancestorThreadsMatchTheRecordWalk() {
        for seed in UInt64(1)...6 {
            var random = SplitMix64(seed: seed)
            var table = ProcessTable(maximumProcesses: seed == 6 ? 6 : 65_536)
            let pids = Array(Int64(2)...12)
            for step in 1...1_500 {
                let pid = random.pick(pids)
                // Any parent, the process itself included, so cycles form and break.
                let ppid = random.oneIn(6) ? 1 : random.pick(pids)
                let thread = Scenario.thread(pid, ppid: ppid, random.pick(["a", "b", "c"]))
                switch random.next() % 6 {
                case 0: table.apply(Scenario.fork(thread, child: random.pick(pids)))
                case 1: table.apply(Scenario.exec(pid, ppid: ppid, random.pick(["x", "y"])))
                case 2: table.apply(Scenario.exit(thread))
                case 3:
                    table.apply(
                        Scenario.call(
                            .prctl,
                            thread,
                            result: 0,
                            [
                                EventArgument("option", .string("PR_SET_CHILD_SUBREAPER")),
                                EventArgument("arg2", .integer(random.oneIn(2) ? 1 : 0)),
                            ]
                        )
                    )
                default: table.apply(Scenario.open(thread, "/f", fd: 3))
                }
                for check in Int64(0)...13 {
                    for generation in [0, 1, 2, 3, 4, 7, 12, -1, 300] {
                        let expected = table.ancestor(of: check, generation: generation)?.thread
                        #expect(
                            table.ancestorThread(of: check, generation: generation) == expected,
                            "seed \(seed) step \(step) pid \(check) generation \(generation)"
                        )
                    }
                }
            }
        }
    }
}
