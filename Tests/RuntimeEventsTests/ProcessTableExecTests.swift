import RuntimeEvents
import Testing

/// Exec closes exactly the `O_CLOEXEC` descriptors, whatever their share of the table (the table filters or
/// removes in place depending on that share) and whether or not the table is shared with a forking parent.
@Suite struct ProcessTableExecTests {
    /// A process with `total` descriptors (3, 4, …), those at the offsets in `closing` opened with `O_CLOEXEC`.
    private static func table(total: Int, closing: Set<Int>) -> (ProcessTable, ThreadInfo) {
        var table = ProcessTable()
        let app = Scenario.thread(70, ppid: 1, "app")
        table.seed([ProcessRecord(thread: app)])
        for offset in 0..<total {
            let flags = closing.contains(offset) ? ["O_RDONLY", "O_CLOEXEC"] : ["O_RDONLY"]
            table.apply(Scenario.open(app, "/data/\(offset)", fd: Int64(3 + offset), flags: flags))
        }
        return (table, app)
    }

    private static func expectClosed(_ table: ProcessTable, pid: Int64, total: Int, closing: Set<Int>) {
        #expect(table.process(pid)?.fileDescriptors.count == total - closing.count)
        #expect(table.process(pid)?.closeOnExec.isEmpty == true)
        for offset in 0..<total {
            let name = table.fileDescriptor(Int64(3 + offset), of: pid)?.name
            #expect(name == (closing.contains(offset) ? nil : "/data/\(offset)"), "fd \(3 + offset)")
        }
    }

    @Test(arguments: [0, 1, 2, 3, 5, 9, 10])
    func execAfterForkClosesOnlyCloseOnExecDescriptors(closingCount: Int) {
        let total = 10
        let closing = Set((0..<total).filter { ($0 * 7) % total < closingCount })
        let (start, app) = Self.table(total: total, closing: closing)
        var table = start
        table.apply(Scenario.fork(app, child: 71))
        table.apply(Scenario.exec(71, ppid: 70, "sh"))
        Self.expectClosed(table, pid: 71, total: total, closing: closing)
        // The parent keeps all of its descriptors and its close-on-exec set.
        #expect(table.process(70)?.fileDescriptors.count == total)
        #expect(table.process(70)?.closeOnExec.count == closing.count)
        // A second exec has nothing left to close.
        table.apply(Scenario.exec(71, ppid: 70, "true"))
        Self.expectClosed(table, pid: 71, total: total, closing: closing)
    }

    @Test(arguments: [0, 1, 4, 10])
    func execWithoutForkClosesOnlyCloseOnExecDescriptors(closingCount: Int) {
        let total = 10
        let closing = Set(0..<closingCount)
        let (copy, _) = Self.table(total: total, closing: closing)
        var table = copy
        table.apply(Scenario.exec(70, ppid: 1, "sh"))
        Self.expectClosed(table, pid: 70, total: total, closing: closing)
        // A copy of the table taken before is untouched.
        #expect(copy.process(70)?.fileDescriptors.count == total)
    }
}
