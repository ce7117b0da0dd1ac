import Foundation
import Glibc
import RuntimeEnrichment
import RuntimeEvents
import Testing

struct HostProcessScannerTests {
    @Test func realProcHasThisProcessWithItsProgramArgumentsAndDirectory() throws {
        let clock = ContinuousClock()
        var snapshot = HostProcessSnapshot()
        for round in 1...3 {
            let start = clock.now
            snapshot = HostProcessScanner().scan()
            let elapsed = start.duration(to: clock.now)
            print(
                "bulkhead-test-b: scan \(round): \(snapshot.processes.count) processes in \(elapsed)"
                    + " (skipped \(snapshot.skipped))"
            )
        }
        let me = try #require(snapshot.processes.first { $0.pid == Int64(getpid()) })
        let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        #expect(me.thread.exePath == exe)
        #expect(me.thread.exe == CommandLine.arguments.first)
        #expect(me.thread.args == Array(CommandLine.arguments.dropFirst()))
        #expect(me.thread.cwd == FileManager.default.currentDirectoryPath)
        #expect(me.thread.ppid == Int64(getppid()))
        #expect(
            me.thread.uid == Int64(getuid()) && me.thread.euid == Int64(geteuid()) && me.thread.gid == Int64(getgid())
        )
        #expect(me.thread.sid == Int64(getsid(0)))
        #expect(me.thread.vpid != nil)
        #expect(me.thread.startTime != nil)
        #expect(!me.thread.isExeFromMemfd)
        let initProcess = try #require(snapshot.processes.first { $0.pid == 1 })
        #expect(initProcess.thread.ppid == 0)
        #expect(snapshot.processes.map(\.pid) == snapshot.processes.map(\.pid).sorted())
    }

    @Test func aSpawnedChildShowsItsArgumentsAndWorkingDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-test-b-cwd-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sleep")
        child.arguments = ["30"]
        child.currentDirectoryURL = directory
        try child.run()
        defer {
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
        }
        let snapshot = HostProcessScanner().scan()
        let record = try #require(snapshot.processes.first { $0.pid == Int64(child.processIdentifier) })
        #expect(record.thread.exe == "/bin/sleep")
        #expect(record.thread.args == ["30"])
        #expect(record.thread.comm == "sleep")
        #expect(record.thread.cwd == directory.resolvingSymlinksInPath().path)
        #expect(record.thread.ppid == Int64(getpid()))
        #expect(record.thread.exePath.hasSuffix("/sleep"))
    }

    @Test func kernelThreadsAreIncludedWithTheirCommandName() throws {
        // kthreadd (pid 2) is visible only outside a pid namespace.
        let comm = try? String(contentsOfFile: "/proc/2/comm", encoding: .utf8)
        guard comm == "kthreadd\n" else {
            print("bulkhead-test-b: no kthreadd at pid 2 here (\(comm ?? "none")); checked with the fake tree instead")
            return
        }
        let snapshot = HostProcessScanner().scan()
        let kthreadd = try #require(snapshot.processes.first { $0.pid == 2 })
        #expect(kthreadd.thread.comm == "kthreadd" && kthreadd.thread.args.isEmpty && kthreadd.thread.exe == "")
        #expect(kthreadd.containerID == ContainerInfo.hostID)
        #expect(snapshot.processes.contains { $0.thread.ppid == 2 && $0.thread.exe.isEmpty })
    }

    @Test func fakeTreeWithContainersKernelThreadsAndHostileEntries() throws {
        let tree = try FakeProcTree()
        defer { tree.remove() }
        let id = "954213ab1ad5f6bf1c8b2152d1b84b7aae0e1494de57b4ae1513666512771b7e"
        try tree.write("stat", "cpu 1 2 3\nbtime 1000\n")
        try tree.write("self/stat", "not a process")
        try tree.process(pid: 2, ppid: 0, comm: "kthreadd", arguments: [], uid: 0, flags: 2_129_984)
        try tree.process(pid: 100, cgroup: "9:name=systemd:/docker/\(id)\n0::/docker/\(id)\n")
        try tree.link("100/exe", to: "/memfd:payload (deleted)")
        try tree.link("100/cwd", to: "/srv")
        try tree.process(pid: 101, cgroup: "0::/system.slice/docker-\(id).scope\n")
        try tree.process(pid: 102, cgroup: "0::/kubepods/besteffort/pod9c1e5d2a-1f0b/\(id)\n")
        try tree.process(pid: 103, cgroup: "garbage")
        try tree.process(pid: 104, comm: "huge args", arguments: [String(repeating: "A", count: 200_000)])
        try tree.link("104/exe", to: "exe")  // a link to itself
        try tree.write("200/stat", "200 (missing status) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5\n")
        try tree.write("201/stat", [0xFF, 0x00, 0x28])
        try tree.write("201/status", "Tgid:\t201\n")
        try tree.link("202/stat", to: "stat")  // a loop
        try tree.write("202/status", "")
        try tree.write("203/stat", String(repeating: "9", count: 100_000))
        try tree.fifo("204/stat")
        try tree.link("205", to: "205")  // a directory loop
        try tree.process(pid: 206)
        try tree.write("206/stat", "999 (other) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5\n")

        let snapshot = HostProcessScanner().scan(procRoot: tree.root)
        #expect(snapshot.processes.map(\.pid) == [2, 100, 101, 102, 103, 104])
        #expect(snapshot.vanished + snapshot.unreadable == 7)
        #expect(snapshot.vanished == 1)  // 200: no status file, as when a process exits mid-scan
        #expect(snapshot.problems.contains { $0.contains("/202/stat") })
        #expect(snapshot.problems.contains { $0.contains("/205/stat") })
        #expect(snapshot.problems.contains { $0.contains("/201/stat") })
        #expect(snapshot.problems.contains { $0.contains("/203/stat: larger than") })
        #expect(snapshot.problems.contains { $0.contains("/204/stat: not a regular file") })
        #expect(snapshot.problems.contains { $0.contains("/206/stat: names process 999") })

        let records = Dictionary(uniqueKeysWithValues: snapshot.processes.map { ($0.pid, $0) })
        let kthreadd = try #require(records[2])
        #expect(kthreadd.thread.comm == "kthreadd" && kthreadd.thread.exe == "" && kthreadd.containerID == "host")
        let first = try #require(records[100])
        #expect(first.containerID == "954213ab1ad5")
        #expect(first.thread.exe == "/usr/bin/fake" && first.thread.args == ["--flag"] && first.thread.cwd == "/srv")
        #expect(first.thread.isExeFromMemfd && first.thread.exePath == "/memfd:payload (deleted)")
        #expect(first.thread.uid == 1000 && first.thread.loginUID == 1000 && first.thread.vpid == 3)
        #expect(first.thread.capabilities == Capabilities(effective: 4, permitted: 5, inheritable: 0))
        #expect(first.thread.tty == 34816 && first.thread.sid == 100)
        #expect(first.thread.startTime == 1_005_000_000_000)
        #expect(records[101]?.containerID == "954213ab1ad5")
        #expect(records[102]?.containerID == "954213ab1ad5")
        #expect(records[103]?.containerID == "host")
        #expect(snapshot.containers["954213ab1ad5"]?.fullID == id)
        #expect(snapshot.containers.count == 1)
        let huge = try #require(records[104])
        #expect(huge.thread.comm == "huge args")
        #expect(huge.thread.exe.utf8.count <= 64 * 1024)
        #expect(huge.thread.exePath == "exe")
    }

    @Test func aMissingRootGivesAnEmptySnapshotWithAProblem() {
        let snapshot = HostProcessScanner().scan(procRoot: "/nonexistent/bulkhead-test-b")
        #expect(snapshot.processes.isEmpty)
        #expect(snapshot.problems == ["/nonexistent/bulkhead-test-b: cannot list the directory"])
    }
}
