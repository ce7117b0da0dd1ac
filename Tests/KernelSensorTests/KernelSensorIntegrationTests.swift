import Foundation
import KernelSensor
import RuntimeEvents
import SensorRecords
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite(
    .serialized,
    .enabled(
        if: integrationEnabled,
        Comment(rawValue: integrationSkipReason)
    )
)
struct KernelSensorIntegrationTests {
    @Test func seesExecveOfTrueAndOpenatOfHostnameWithinOneSecond() throws {
        let sensor = try KernelSensor()
        // Every known syscall: traced through its exit trace event when the kernel has one, else through the raw
        // fallback (on by default).
        let withoutEvent = Set(
            SyscallNumbers.traceEventNames.filter { _, name in
                !FileManager.default.fileExists(atPath: "/sys/kernel/tracing/events/syscalls/sys_exit_" + name)
            }.keys
        )
        #expect(sensor.fallbackSyscalls == withoutEvent && sensor.untracedSyscalls.isEmpty)
        #expect(sensor.tracedSyscalls == Set(SyscallNumbers.x86_64.keys))
        let expected = Set(
            sensor.tracedSyscalls.subtracting(withoutEvent).compactMap { SyscallNumbers.traceEventNames[$0] }
                .map { "exit_" + $0 }
        )
        .union(["enter_execve", "enter_execveat", "process_exec", "process_fork", "process_exit"])
        .union(withoutEvent.isEmpty ? [] : ["sys_exit_fallback"])
        #expect(Set(sensor.attachedPrograms) == expected)
        let truePID = try SensorTestSupport.run("/bin/true", []).pid
        let catPID = try SensorTestSupport.run("/bin/cat", ["/etc/hostname"]).pid
        func execOfTrue(_ event: RuntimeEvent) -> Bool {
            event.type == .execve && event.thread.pid == Int64(truePID)
                && event.argument("filename")?.stringValue == "/bin/true"
        }
        func openOfHostname(_ event: RuntimeEvent) -> Bool {
            event.type == .openat && event.thread.pid == Int64(catPID)
                && event.argument("name")?.stringValue == "/etc/hostname"
        }
        let events = try SensorTestSupport.collect(sensor, seconds: 1) { events in
            events.contains(where: execOfTrue) && events.contains(where: openOfHostname)
        }
        print("kernel sensor: \(events.count) events, lost \(sensor.lostEvents)")
        let exec = try #require(events.first(where: execOfTrue), "no execve of /bin/true by pid \(truePID) within 1 s")
        #expect(exec.result == 0)
        #expect(exec.thread.comm == "true" && exec.thread.exePath == "/bin/true" && exec.thread.exe == "/bin/true")
        #expect(exec.thread.capabilities.effective != 0 && exec.thread.vpid == Int64(truePID))
        #expect(exec.container.isHost)
        let open = try #require(events.first(where: openOfHostname), "no openat of /etc/hostname by pid \(catPID)")
        #expect((open.result ?? -1) >= 0)
        #expect(open.thread.comm == "cat")
        #expect(flagNames(open.argument("flags")).first == "O_RDONLY")
        #expect(sensor.undecodableRecords == 0)
    }

    @Test func theInKernelFilterDropsSyscallsNoRuleNeeds() throws {
        let sensor = try KernelSensor(configuration: KernelSensor.Configuration(eventTypes: [.openat]))
        #expect(sensor.tracedSyscalls == [257])
        // A syscall no rule needs runs no program at all.
        #expect(sensor.attachedPrograms == ["exit_openat", "process_exec", "process_exit", "process_fork"])
        let directory = try SensorTestSupport.scratchDirectory("filter")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mkdirPID = try SensorTestSupport.run("/bin/busybox", ["mkdir", directory + "/made"]).pid
        let catPID = try SensorTestSupport.run("/bin/busybox", ["cat", "/etc/hostname"]).pid
        let events = try SensorTestSupport.collect(sensor, seconds: 2) { events in
            events.contains { $0.type == .openat && $0.thread.pid == Int64(catPID) }
                && events.contains { $0.type == .procexit && $0.thread.pid == Int64(mkdirPID) }
        }
        #expect(FileManager.default.fileExists(atPath: directory + "/made"))
        #expect(events.contains { $0.type == .openat && $0.thread.pid == Int64(catPID) })
        #expect(events.contains { $0.type == .schedProcessExec && $0.thread.pid == Int64(mkdirPID) })
        #expect(events.contains { $0.type == .procexit && $0.thread.pid == Int64(mkdirPID) })
        #expect(!events.contains { $0.type == .mkdir || $0.type == .mkdirat || $0.type == .execve })
        #expect(Set(events.map(\.type)).isSubset(of: [.openat, .schedProcessExec, .schedProcessFork, .procexit]))

        let unfiltered = try KernelSensor(configuration: KernelSensor.Configuration(eventTypes: [.mkdir, .mkdirat]))
        let again = try SensorTestSupport.run("/bin/busybox", ["mkdir", directory + "/again"]).pid
        let seen = try SensorTestSupport.collect(unfiltered, seconds: 2) { events in
            events.contains { ($0.type == .mkdir || $0.type == .mkdirat) && $0.thread.pid == Int64(again) }
        }
        let mkdir = try #require(
            seen.first { ($0.type == .mkdir || $0.type == .mkdirat) && $0.thread.pid == Int64(again) }
        )
        #expect(mkdir.argument("path")?.stringValue == directory + "/again" && mkdir.result == 0)
    }

    @Test func seesEverySyscallFamilyFromARealProcess() throws {
        let directory = try SensorTestSupport.scratchDirectory("families")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let probe = try SensorTestSupport.compileStatic(SensorProbeSource.text, named: "probe", in: directory)
        let (tcp, port) = try SensorTestSupport.tcpListener()
        defer { close(tcp) }
        let unixPath = directory + "/probe.sock"
        let unixListener = try SensorTestSupport.unixListener(at: unixPath)
        defer { close(unixListener) }
        let scratch = directory + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)

        // The module calls have no trace event on a kernel built without module support: the raw fallback (on by
        // default) sees them.
        let sensor = try KernelSensor()
        #expect(sensor.untracedSyscalls.isEmpty)
        #expect(sensor.attachedPrograms.contains("sys_exit_fallback") == !sensor.fallbackSyscalls.isEmpty)
        let process = try SensorTestSupport.launch(probe, [String(port), unixPath, scratch])
        defer { kill(process.processIdentifier, SIGKILL) }
        let pid = Int64(process.processIdentifier)
        let events = try SensorTestSupport.collect(sensor, seconds: 10) { events in
            !process.isRunning && events.contains { $0.type == .procexit && $0.thread.pid == pid }
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let mine = events.filter { $0.thread.pid == pid }
        func first(_ type: EventType, where matches: (RuntimeEvent) -> Bool = { _ in true }) -> RuntimeEvent? {
            mine.first { $0.type == type && matches($0) }
        }
        print("kernel sensor families: \(mine.count) events from the probe: \(Set(mine.map(\.type.name)).sorted())")

        let ptrace = first(.ptrace)
        #expect(ptrace?.argument("request")?.text == "PTRACE_ATTACH" && ptrace?.result == 0)
        #expect(first(.initModule)?.argument("uargs")?.text == "bulkhead=1")
        #expect(first(.initModule)?.failed == true)
        #expect(first(.finitModule)?.failed == true)
        #expect(first(.deleteModule)?.argument("name")?.text == "bulkhead_no_such_module")
        let bpf = first(.bpf)
        #expect(bpf?.argument("cmd")?.text == "BPF_PROG_LOAD" && bpf?.failed == true)
        #expect(flagNames(first(.unshare)?.argument("flags")) == ["CLONE_NEWUTS"])
        #expect(flagNames(first(.setns)?.argument("nstype")) == ["CLONE_NEWUTS"])
        let mount = first(.mount)
        #expect(mount?.argument("dir")?.stringValue == scratch + "/no-such-mount-point")
        #expect(mount?.argument("type")?.text == "tmpfs" && mount?.argument("dev")?.text == "none")
        #expect(flagNames(mount?.argument("flags")) == ["MS_NOSUID"] && mount?.failed == true)
        #expect(flagNames(first(.umount2)?.argument("flags")) == ["MNT_DETACH"])
        #expect(first(.setuid)?.argument("uid")?.integerValue == 0)
        #expect(first(.setgid)?.argument("gid")?.integerValue == 0)
        #expect(first(.setresuid)?.argument("ruid")?.integerValue == -1)
        #expect(first(.setresgid)?.argument("sgid")?.integerValue == -1)
        #expect(first(.kill) { $0.argument("sig")?.integerValue == 0 }?.argument("pid")?.integerValue == pid)
        #expect(first(.kill) { $0.argument("sig")?.integerValue == 9 } != nil)
        #expect(first(.tgkill)?.argument("pid")?.integerValue == pid)
        #expect(first(.prctl)?.argument("option")?.integerValue == 36)
        #expect(first(.chdir) { $0.argument("path")?.stringValue == scratch }?.result == 0)
        #expect(first(.close) { $0.result == 0 } != nil)

        let file = scratch + "/file"
        let create = first(.openat) { $0.argument("name")?.stringValue == file }
        #expect(flagNames(create?.argument("flags")) == ["O_WRONLY", "O_CREAT", "O_TRUNC"])
        #expect(create?.fd?.name == file && (create?.result ?? -1) >= 0)
        #expect(first(.fchmod)?.argument("mode")?.text == "S_IRUSR|S_IWUSR")
        let chmod = first(.chmod)
        #expect(chmod?.argument("filename")?.stringValue == file)
        #expect(flagNames(chmod?.argument("mode")).contains("S_ISUID") && chmod?.result == 0)
        #expect(first(.fchmodat)?.argument("dirfd")?.integerValue == -100)
        #expect(first(.rename)?.argument("newpath")?.stringValue == scratch + "/renamed")
        let renameat2 = first(.renameat2)
        #expect(renameat2?.argument("oldpath")?.stringValue == scratch + "/renamed")
        #expect(renameat2?.argument("newpath")?.stringValue == file)
        #expect(flagNames(renameat2?.argument("flags")) == ["RENAME_NOREPLACE"])
        #expect(first(.symlink)?.argument("target")?.stringValue == file)
        #expect(first(.symlink)?.argument("linkpath")?.stringValue == scratch + "/symlink")
        #expect(first(.unlink)?.argument("path")?.stringValue == scratch + "/symlink")
        #expect(first(.link)?.argument("newpath")?.stringValue == scratch + "/hardlink")
        #expect(first(.unlinkat) { flagNames($0.argument("flags")) == ["AT_REMOVEDIR"] } != nil)
        #expect(first(.mkdir)?.argument("path")?.stringValue == scratch + "/subdir")
        #expect(first(.creat)?.argument("name")?.stringValue == scratch + "/hardlink")

        let tcpConnect = first(.connect) { $0.fd?.kind == .ipv4 && $0.fd?.tuple?.serverPort == port }
        #expect(tcpConnect?.result == 0 && tcpConnect?.fd?.tuple?.serverIP?.description == "127.0.0.1")
        #expect(tcpConnect?.fd?.tuple?.l4Protocol == .tcp && tcpConnect?.fd?.tuple?.clientPort != nil)
        #expect(tcpConnect?.fd?.isServer == false)
        let abstract = first(.connect) { $0.argument("tuple")?.text == "@bulkhead-abstract" }
        #expect(abstract?.result == -111, "no connect to the abstract socket @bulkhead-abstract")
        let unixConnect = first(.connect) { $0.fd?.kind == .unix && $0.argument("tuple")?.text == unixPath }
        #expect(unixConnect?.argument("tuple")?.text == unixPath && unixConnect?.result == 0)
        let dup2 = first(.dup2) { $0.argument("newfd")?.integerValue == 0 }
        #expect(dup2?.result == 0 && dup2?.fd?.number == 0 && dup2?.fd?.kind == .ipv4)
        #expect(dup2?.fd?.tuple?.serverPort == port && dup2?.fd?.tuple?.l4Protocol == .tcp)
        #expect(first(.dup) { $0.fd?.kind == .ipv4 } != nil, "no dup of the TCP socket described as one")
        #expect(first(.dup) { $0.fd == nil } != nil, "no dup of /dev/null (not a socket: no descriptor)")
        #expect(flagNames(first(.dup3)?.argument("flags")) == ["O_CLOEXEC"])
        let socket = first(.socket) { $0.argument("domain")?.text == "AF_INET" }
        #expect(socket?.argument("type")?.text == "SOCK_STREAM" && socket?.fd?.kind == .ipv4)
        #expect(first(.socket) { $0.argument("domain")?.text == "AF_UNIX" } != nil)
        let bind = first(.bind)
        #expect(bind?.argument("addr")?.text.hasSuffix("127.0.0.1:0") == true && bind?.result == 0)
        #expect(first(.listen)?.argument("backlog")?.integerValue == 7)
        let accept = first(.accept4)
        #expect(accept?.fd?.isServer == true && accept?.fd?.tuple?.clientIP?.description == "127.0.0.1")
        #expect(accept?.fd?.tuple?.serverPort != 0 && accept?.fd?.tuple?.clientPort != nil)
        #expect(flagNames(accept?.argument("flags")) == ["SOCK_CLOEXEC"])
        let capset = first(.capset)
        #expect(flagNames(capset?.argument("cap_effective")).contains("CAP_SYS_ADMIN") && capset?.result == 0)
        let memfd = first(.memfdCreate)
        #expect(memfd?.argument("name")?.text == "bulkhead-payload")
        #expect(memfd?.fd?.name == "memfd:bulkhead-payload" && flagNames(memfd?.argument("flags")) == ["MFD_CLOEXEC"])

        let children = events.filter { $0.thread.ppid == pid }
        let fexecve = children.first { $0.type == .execveat }
        #expect(fexecve?.result == 0 && fexecve?.thread.isExeFromMemfd == true)
        #expect(fexecve?.thread.exe == "true" && flagNames(fexecve?.argument("flags")) == ["AT_EMPTY_PATH"])
        let schedExec = children.first { $0.type == .schedProcessExec && $0.thread.isExeFromMemfd }
        #expect(schedExec != nil, "no sched_process_exec of the memfd")
        #expect(sensor.undecodableRecords == 0)
        #expect(Set(sensor.skippedProgramRuns().keys) == Set(sensor.attachedPrograms))
    }

    @Test func countsABurstOfOpens() throws {
        let sensor = try KernelSensor(configuration: KernelSensor.Configuration(eventTypes: [.openat]))
        let opens = 50_000
        let child = try SensorTestSupport.launch(
            "/bin/sh",
            ["-c", "i=0; while [ $i -lt \(opens) ]; do : < /etc/hostname; i=$((i+1)); done"]
        )
        defer { kill(child.processIdentifier, SIGKILL) }
        let pid = Int64(child.processIdentifier)
        let mapper = SensorEventMapper(bootToEpochOffset: KernelSensor.bootToEpochOffset())
        let started = ContinuousClock.now
        var fromChild = 0
        var total = 0
        var records: [SensorRecord] = []
        var latencies: [UInt64] = []
        while ContinuousClock.now - started < .seconds(30), child.isRunning || fromChild < opens {
            records.removeAll(keepingCapacity: true)
            let count = try sensor.drain(timeoutMilliseconds: 20, into: &records)
            if count == 0 && !child.isRunning { break }
            let now = Self.epochNanoseconds()
            total += count
            for record in records {
                guard let event = mapper.event(from: record, number: 1, known: nil) else { continue }
                if event.type == .openat && event.thread.pid == pid
                    && event.argument("name")?.stringValue == "/etc/hostname"
                {
                    fromChild += 1
                    latencies.append(now &- event.timestamp)
                }
            }
        }
        latencies.sort()
        let p50 = latencies.isEmpty ? 0 : latencies[latencies.count / 2] / 1_000
        let p99 = latencies.isEmpty ? 0 : latencies[latencies.count * 99 / 100] / 1_000
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
        print(
            "kernel sensor burst: \(fromChild)/\(opens) opens of /etc/hostname, \(total) records in \(seconds) s"
                + " (\(Int(Double(total) / seconds)) records/s), lost \(sensor.lostEvents)"
                + " per CPU \(sensor.lostEventsPerCPU()), skipped program runs"
                + " \(sensor.skippedProgramRuns().values.reduce(0, &+)); latency syscall exit → Swift p50 \(p50) µs,"
                + " p99 \(p99) µs"
        )
        #expect(fromChild + Int(sensor.lostEvents) >= opens)
    }

    @Test func stopDetachesAndDrainReturnsNothing() throws {
        let sensor = try KernelSensor(configuration: KernelSensor.Configuration(eventTypes: [.openat]))
        sensor.stop()
        sensor.stop()
        _ = try SensorTestSupport.run("/bin/cat", ["/etc/hostname"])
        var records: [SensorRecord] = []
        #expect(try sensor.drain(timeoutMilliseconds: 10, into: &records) == 0)
        #expect(records.isEmpty)
    }

    private static func epochNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}

/// The names of a flag-set argument, empty for anything else.
func flagNames(_ value: ArgumentValue?) -> [String] {
    if case .flags(let set) = value { return set.names }
    return []
}
