import RuntimeEvents
import RuntimeInventory
import Testing

struct ProcessThreadAssemblerTests {
    static let status = ProcStatus(
        tgid: 42,
        pid: 42,
        ppid: 1,
        userIDs: [1000, 0, 0, 0],
        groupIDs: [100, 100, 100, 100],
        capabilityEffective: 0x3,
        capabilityPermitted: 0x7,
        capabilityInheritable: 0x1,
        namespacePIDs: [42, 7],
        namespaceProcessGroups: [40, 5]
    )
    static let stat = ProcStat(
        pid: 42,
        comm: "sh",
        state: "S",
        ppid: 1,
        processGroup: 40,
        session: 30,
        ttyNumber: 34816,
        flags: 0,
        startTimeTicks: 250
    )

    @Test func buildsTheThreadOfAProcess() {
        let files = ProcessThreadAssembler.Files(
            stat: Self.stat,
            status: Self.status,
            arguments: ["/bin/sh", "-c", "id"],
            executableLink: "/usr/bin/dash",
            workingDirectoryLink: "/tmp",
            loginUID: 1000
        )
        let thread = ProcessThreadAssembler.thread(from: files, bootTimeSeconds: 1000, clockTicksPerSecond: 100)
        #expect(thread.pid == 42 && thread.tid == 42 && thread.ppid == 1 && thread.vpid == 7 && thread.vpgid == 5)
        #expect(thread.comm == "sh" && thread.exe == "/bin/sh" && thread.exePath == "/usr/bin/dash")
        #expect(thread.args == ["-c", "id"] && thread.cwd == "/tmp" && thread.tty == 34816 && thread.sid == 30)
        #expect(thread.uid == 1000 && thread.euid == 0 && thread.gid == 100 && thread.loginUID == 1000)
        #expect(thread.capabilities == Capabilities(effective: 3, permitted: 7, inheritable: 1))
        #expect(thread.startTime == 1_002_500_000_000)
        #expect(!thread.isExeFromMemfd)
    }

    @Test func kernelThreadsAndMemfdExecutables() {
        let kernel = ProcessThreadAssembler.thread(from: .init(stat: Self.stat, status: Self.status))
        #expect(kernel.exe == "" && kernel.args.isEmpty && kernel.comm == "sh" && kernel.loginUID == -1)
        #expect(kernel.startTime == nil)
        let memfd = ProcessThreadAssembler.thread(
            from: .init(
                stat: Self.stat,
                status: Self.status,
                arguments: ["x"],
                executableLink: "/memfd:payload (deleted)"
            )
        )
        #expect(memfd.isExeFromMemfd)
    }
}
