import RuntimeEvents
import Testing

/// Small builders for process-tree scenarios.
enum Scenario {
    static func thread(_ pid: Int64, ppid: Int64, _ comm: String, args: [String] = [], tid: Int64? = nil) -> ThreadInfo
    {
        ThreadInfo(pid: pid, tid: tid, ppid: ppid, comm: comm, exe: comm, exePath: "/usr/bin/" + comm, args: args)
    }

    static func fork(_ parent: ThreadInfo, child: Int64, flags: [String] = []) -> RuntimeEvent {
        RuntimeEvent(
            timestamp: 1,
            type: .clone,
            result: child,
            arguments: flags.isEmpty ? [] : [EventArgument("flags", .flags(FlagSet(names: flags)))],
            thread: parent
        )
    }

    static func exec(_ pid: Int64, ppid: Int64, _ comm: String, args: [String] = []) -> RuntimeEvent {
        RuntimeEvent(timestamp: 2, type: .execve, result: 0, thread: thread(pid, ppid: ppid, comm, args: args))
    }

    static func exit(_ thread: ThreadInfo) -> RuntimeEvent {
        RuntimeEvent(timestamp: 3, type: .procexit, thread: thread)
    }

    static func open(_ thread: ThreadInfo, _ path: String, fd: Int64, flags: [String] = ["O_RDONLY"]) -> RuntimeEvent {
        RuntimeEvent(
            timestamp: 4,
            type: .openat,
            result: fd,
            arguments: [
                EventArgument("fd", .integer(-100)), EventArgument("name", .path(path)),
                EventArgument("flags", .flags(FlagSet(names: flags))),
            ],
            thread: thread
        )
    }

    static func call(_ type: EventType, _ thread: ThreadInfo, result: Int64, _ args: [EventArgument]) -> RuntimeEvent {
        RuntimeEvent(timestamp: 5, type: type, result: result, arguments: args, thread: thread)
    }
}

@Suite struct ProcessTableTests {
    @Test func forkExecChainBuildsAncestry() {
        var table = ProcessTable()
        let systemd = Scenario.thread(1, ppid: 0, "systemd")
        table.seed([ProcessRecord(thread: systemd)])
        table.apply(Scenario.fork(systemd, child: 100))
        table.apply(Scenario.exec(100, ppid: 1, "sshd", args: ["-D"]))
        let sshd = Scenario.thread(100, ppid: 1, "sshd", args: ["-D"])
        table.apply(Scenario.fork(sshd, child: 200))
        #expect(table.process(200)?.thread.comm == "sshd")  // inherits before exec
        table.apply(Scenario.exec(200, ppid: 100, "bash"))
        let bash = Scenario.thread(200, ppid: 100, "bash")
        table.apply(Scenario.fork(bash, child: 300))
        table.apply(Scenario.exec(300, ppid: 200, "cat", args: ["/etc/shadow"]))

        #expect(table.process(300)?.thread.commandLine == "cat /etc/shadow")
        #expect(table.ancestors(of: 300).map(\.thread.comm) == ["bash", "sshd", "systemd"])
        #expect(table.ancestor(of: 300, generation: 0)?.thread.comm == "cat")
        #expect(table.ancestor(of: 300, generation: 2)?.thread.comm == "sshd")
        #expect(table.ancestor(of: 300, generation: 4) == nil)
        #expect(table.parent(of: 300)?.thread.comm == "bash")
        #expect(table.children(of: 200).map(\.pid) == [300])
    }

    @Test func exitReparentsChildrenToInitThenRemoves() {
        var table = ProcessTable()
        let initThread = Scenario.thread(1, ppid: 0, "init")
        let shell = Scenario.thread(10, ppid: 1, "sh")
        table.seed([ProcessRecord(thread: initThread), ProcessRecord(thread: shell)])
        table.apply(Scenario.fork(shell, child: 11))
        table.apply(Scenario.fork(shell, child: 12))
        table.apply(Scenario.exit(shell))
        #expect(table.process(10) == nil)
        #expect(table.process(11)?.thread.ppid == 1)
        #expect(table.process(12)?.thread.ppid == 1)
        #expect(table.children(of: 1).map(\.pid) == [11, 12])
        #expect(table.children(of: 10).isEmpty)
    }

    @Test func exitReparentsToTheNearestChildSubreaper() {
        var table = ProcessTable()
        let reaper = Scenario.thread(5, ppid: 1, "containerd-shim")
        let middle = Scenario.thread(6, ppid: 5, "sh")
        let leaf = Scenario.thread(7, ppid: 6, "sleep")
        table.seed([ProcessRecord(thread: reaper), ProcessRecord(thread: middle), ProcessRecord(thread: leaf)])
        table.apply(
            Scenario.call(
                .prctl,
                reaper,
                result: 0,
                [EventArgument("option", .string("PR_SET_CHILD_SUBREAPER")), EventArgument("arg2", .integer(1))]
            )
        )
        table.apply(Scenario.exit(middle))
        #expect(table.process(7)?.thread.ppid == 5)
    }

    @Test func threadExitAndThreadCloneDoNotTouchTheProcess() {
        var table = ProcessTable()
        let app = Scenario.thread(40, ppid: 1, "java")
        table.seed([ProcessRecord(thread: app)])
        table.apply(Scenario.fork(app, child: 41, flags: ["CLONE_VM", "CLONE_THREAD"]))
        #expect(table.process(41) == nil)
        table.apply(Scenario.exit(Scenario.thread(40, ppid: 1, "java", tid: 41)))
        #expect(table.process(40) != nil)
    }

    @Test func childSideCloneEventAndPidReuse() {
        var table = ProcessTable()
        let parent = Scenario.thread(50, ppid: 1, "bash")
        table.seed([ProcessRecord(thread: parent), ProcessRecord(thread: Scenario.thread(51, ppid: 9, "stale"))])
        // Child-side clone (result 0) describes the child itself.
        table.apply(RuntimeEvent(timestamp: 1, type: .clone, result: 0, thread: Scenario.thread(51, ppid: 50, "bash")))
        table.apply(Scenario.fork(parent, child: 51))
        #expect(table.process(51)?.thread.ppid == 50)
        // A stale entry for a reused pid is replaced by the fork.
        table.seed([ProcessRecord(thread: Scenario.thread(52, ppid: 9, "stale"))])
        table.apply(Scenario.fork(parent, child: 52))
        #expect(table.process(52)?.thread.comm == "bash")
        #expect(table.process(52)?.thread.ppid == 50)
    }

    @Test func fileDescriptorLifecycle() {
        var table = ProcessTable()
        let app = Scenario.thread(60, ppid: 1, "app")
        table.seed([ProcessRecord(thread: app)])
        table.apply(Scenario.open(app, "/etc/passwd", fd: 3))
        table.apply(Scenario.open(app, "/var/log", fd: 4, flags: ["O_RDONLY", "O_DIRECTORY", "O_CLOEXEC"]))
        table.apply(Scenario.open(app, "/nope", fd: -2))
        #expect(table.fileDescriptor(3, of: 60)?.name == "/etc/passwd")
        #expect(table.fileDescriptor(4, of: 60)?.kind == .directory)
        #expect(table.process(60)?.fileDescriptors.count == 2)

        table.apply(Scenario.call(.dup2, app, result: 7, [EventArgument("oldfd", .integer(3))]))
        #expect(table.fileDescriptor(7, of: 60)?.name == "/etc/passwd")
        table.apply(Scenario.call(.close, app, result: 0, [EventArgument("fd", .integer(3))]))
        #expect(table.fileDescriptor(3, of: 60) == nil)
        table.apply(Scenario.call(.close, app, result: -9, [EventArgument("fd", .integer(7))]))
        #expect(table.fileDescriptor(7, of: 60) != nil)

        table.apply(Scenario.call(.memfdCreate, app, result: 5, [EventArgument("name", .string("payload"))]))
        #expect(table.fileDescriptor(5, of: 60)?.kind == .memfd)
        #expect(table.fileDescriptor(5, of: 60)?.name == "memfd:payload")

        // Sockets: socket, then connect fills the tuple.
        table.apply(Scenario.call(.socket, app, result: 8, [EventArgument("domain", .string("ipv4"))]))
        #expect(table.fileDescriptor(8, of: 60)?.kind == .ipv4)
        let tuple = SocketTuple(
            family: .ipv4,
            l4Protocol: .tcp,
            clientIP: IPAddress("10.0.0.2"),
            clientPort: 40_000,
            serverIP: IPAddress("93.184.216.34"),
            serverPort: 443
        )
        table.apply(
            Scenario.call(
                .connect,
                app,
                result: -115,
                [EventArgument("fd", .integer(8)), EventArgument("tuple", .socketTuple(tuple))]
            )
        )
        #expect(table.fileDescriptor(8, of: 60)?.name == "10.0.0.2:40000->93.184.216.34:443")
        #expect(table.fileDescriptor(8, of: 60)?.isServer == false)

        // Fork copies descriptors; exec closes the O_CLOEXEC ones.
        table.apply(Scenario.fork(app, child: 61))
        #expect(table.process(61)?.fileDescriptors.count == 4)
        table.apply(Scenario.exec(61, ppid: 60, "sh"))
        #expect(table.fileDescriptor(4, of: 61) == nil)
        #expect(table.fileDescriptor(7, of: 61)?.name == "/etc/passwd")
        // A failed exec changes nothing.
        table.apply(RuntimeEvent(timestamp: 9, type: .execve, result: -2, thread: Scenario.thread(60, ppid: 1, "app")))
        #expect(table.fileDescriptor(4, of: 60) != nil)
    }

    @Test func acceptedSocketIsTheServerSide() {
        var table = ProcessTable()
        let nginx = Scenario.thread(70, ppid: 1, "nginx")
        let tuple = SocketTuple(
            family: .ipv6,
            l4Protocol: .tcp,
            clientIP: IPAddress("2001:db8::1"),
            clientPort: 5555,
            serverIP: IPAddress("::1"),
            serverPort: 80
        )
        table.apply(Scenario.call(.accept4, nginx, result: 12, [EventArgument("tuple", .socketTuple(tuple))]))
        let fd = table.fileDescriptor(12, of: 70)
        #expect(fd?.kind == .ipv6)
        #expect(fd?.isServer == true)
        #expect(fd?.name == "2001:db8::1:5555->::1:80")
    }

    @Test func tableIsBoundedAndEvictsTheLeastRecentlySeen() {
        var table = ProcessTable(maximumProcesses: 64, maximumDescriptorsPerProcess: 3)
        let keeper = Scenario.thread(1, ppid: 0, "init")
        table.seed([ProcessRecord(thread: keeper)])
        for pid in Int64(2)...1_000 {
            table.apply(Scenario.open(Scenario.thread(pid, ppid: 1, "p\(pid)"), "/x", fd: 3))
            table.apply(Scenario.open(keeper, "/y", fd: 3))  // keeps init recent
        }
        #expect(table.count <= 64)
        #expect(table.evictedProcesses >= 1_000 - 64)
        #expect(table.process(1) != nil)
        #expect(table.process(1_000) != nil)
        for fd in Int64(10)...20 { table.apply(Scenario.open(keeper, "/z", fd: fd)) }
        #expect(table.process(1)?.fileDescriptors.count == 3)
        #expect(table.droppedDescriptors == 9)
    }

    @Test func parentCyclesFromBadInputTerminate() {
        var table = ProcessTable()
        table.seed([
            ProcessRecord(thread: Scenario.thread(2, ppid: 3, "a")),
            ProcessRecord(thread: Scenario.thread(3, ppid: 2, "b")),
            ProcessRecord(thread: Scenario.thread(4, ppid: 4, "self")),
        ])
        #expect(table.ancestors(of: 2).map(\.pid) == [3])
        #expect(table.ancestors(of: 4).isEmpty)
        #expect(table.parent(of: 4) == nil)
        table.apply(Scenario.exit(Scenario.thread(2, ppid: 3, "a")))
        #expect(table.process(3)?.thread.ppid == 1)
    }

    @Test func randomEventStreamsNeverBreakTheTable() {
        var generator = EventGenerator(seed: 99)
        var table = ProcessTable(maximumProcesses: 100, maximumDescriptorsPerProcess: 16)
        for _ in 0..<3_000 {
            var event = generator.event()
            event.thread.pid = generator.int(1...150)
            event.thread.ppid = generator.int(0...150)
            event.result = generator.int(-5...200)
            table.apply(event)
            #expect(table.count <= 100)
        }
        for pid in Int64(1)...150 {
            #expect(table.ancestors(of: pid).count <= ProcessTable.maximumAncestry)
            #expect((table.process(pid)?.fileDescriptors.count ?? 0) <= 16)
        }
    }
}
