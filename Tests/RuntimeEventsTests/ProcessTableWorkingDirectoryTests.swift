import RuntimeEvents
import Testing

/// The table follows the working directory through chdir and fchdir, so relative paths resolve against the
/// directory the process is in now, not the one it started in.
@Suite struct ProcessTableWorkingDirectoryTests {
    static func thread(cwd: String) -> ThreadInfo { ThreadInfo(pid: 40, ppid: 1, comm: "sh", cwd: cwd) }

    static func event(_ type: EventType, result: Int64, cwd: String, _ arguments: [EventArgument]) -> RuntimeEvent {
        RuntimeEvent(timestamp: 1, type: type, result: result, arguments: arguments, thread: thread(cwd: cwd))
    }

    @Test func chdirAndFchdirMoveTheWorkingDirectory() {
        var table = ProcessTable()
        table.seed([ProcessRecord(thread: Self.thread(cwd: "/home/ann"))])
        table.apply(Self.event(.chdir, result: 0, cwd: "/home/ann", [.init("path", .path("../bob/./src"))]))
        #expect(table.process(40)?.thread.cwd == "/home/bob/src")
        table.apply(Self.event(.chdir, result: -2, cwd: "/home/bob/src", [.init("path", .path("/nowhere"))]))
        #expect(table.process(40)?.thread.cwd == "/home/bob/src", "a failed chdir changes nothing")
        table.apply(
            RuntimeEvent(
                timestamp: 2,
                type: .openat,
                result: 5,
                arguments: [.init("fd", .integer(5)), .init("dirfd", .integer(-100)), .init("name", .path("/etc"))],
                thread: Self.thread(cwd: "/home/bob/src"),
                fd: FileDescriptorInfo(number: 5, kind: .directory, name: "/etc")
            )
        )
        table.apply(Self.event(.fchdir, result: 0, cwd: "/home/bob/src", [.init("fd", .integer(5))]))
        #expect(table.process(40)?.thread.cwd == "/etc")
        table.apply(Self.event(.fchdir, result: 0, cwd: "/etc", [.init("fd", .integer(9))]))
        #expect(table.process(40)?.thread.cwd == "/etc", "an unknown descriptor changes nothing")
        // The shell's next relative open resolves below /etc.
        let open = Self.event(
            .openat,
            result: 6,
            cwd: "/etc",
            [.init("dirfd", .integer(-100)), .init("name", .path("passwd"))]
        )
        let name = EventFields.resolve("fs.path.name")?.extract(open, table)
        #expect(name == .string("/etc/passwd"))
    }
}
