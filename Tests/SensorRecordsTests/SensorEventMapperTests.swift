import RuntimeEvents
import Testing

@testable import SensorRecords

struct SensorEventMapperTests {
    let mapper = SensorEventMapper(bootToEpochOffset: 1_700_000_000_000_000_000)

    func syscall(
        _ number: UInt32,
        result: Int64 = 0,
        _ arguments: [UInt64] = [],
        path: String = "",
        secondPath: String = "",
        aux: String = ""
    ) -> SensorRecord {
        SensorRecord(
            kind: .syscall,
            syscallNumber: number,
            bootTimeNanoseconds: 5,
            pid: 10,
            tid: 11,
            ppid: 1,
            uid: 1000,
            gid: 1000,
            euid: 0,
            result: result,
            arguments: SensorSyscallArguments(arguments),
            comm: "tool",
            path: path,
            secondPath: secondPath,
            aux: aux
        )
    }

    func flagNames(_ event: RuntimeEvent?, _ name: String) -> [String] {
        if case .flags(let set) = event?.argument(name) { return set.names }
        return []
    }

    @Test func mapsASuccessfulOpenatWithFlagNamesAndItsFileDescriptor() throws {
        let atFDCWD = UInt64(bitPattern: -100)
        let record = syscall(257, result: 3, [atFDCWD, 0, 0o2_000_000 | 0o1101, 0o644], path: "notes.txt")
        let known = ThreadInfo(pid: 10, comm: "old", exe: "vi", exePath: "/usr/bin/vi", args: ["x"], cwd: "/home/a")
        let event = try #require(mapper.event(from: record, number: 7, known: known))
        #expect(event.type == .openat && event.number == 7 && event.direction == .exit)
        #expect(event.timestamp == 1_700_000_000_000_000_005)
        #expect(event.result == 3)
        #expect(event.argument("fd")?.integerValue == 3)
        #expect(event.argument("dirfd")?.integerValue == -100)
        #expect(event.argument("name")?.stringValue == "notes.txt")
        #expect(flagNames(event, "flags") == ["O_WRONLY", "O_CREAT", "O_TRUNC", "O_CLOEXEC"])
        #expect(flagNames(event, "mode") == ["S_IRUSR", "S_IWUSR", "S_IRGRP", "S_IROTH"])
        #expect(event.fd == FileDescriptorInfo(number: 3, kind: .file, name: "/home/a/notes.txt"))
        #expect(event.thread.pid == 10 && event.thread.tid == 11 && event.thread.comm == "tool")
        #expect(event.thread.exe == "vi" && event.thread.args == ["x"] && event.thread.cwd == "/home/a")
        #expect(event.thread.uid == 1000 && event.thread.euid == 0)
        #expect(event.container.isHost)
    }

    /// An open relative to a directory descriptor is named below that directory (the table's path for it), not
    /// below the working directory; `<UNKNOWN>/…` when nobody knows the descriptor.
    @Test func anOpenRelativeToADirfdIsNamedBelowThatDirectory() throws {
        let record = syscall(257, result: 6, [4, 0, 0o101, 0o644], path: "./etc/passwd")
        let known = ThreadInfo(pid: 10, comm: "tar", cwd: "/")
        let resolved = mapper.event(from: record, number: 1, known: known) { $0 == 4 ? "/tmp/extract" : nil }
        #expect(resolved?.fd?.name == "/tmp/extract/etc/passwd")
        let field = EventFields.resolve("fd.name")?.extract(try #require(resolved), ProcessTable())
        #expect(field == .string("/tmp/extract/etc/passwd"))
        let unknown = mapper.event(from: record, number: 2, known: known)
        #expect(unknown?.fd?.name == "<UNKNOWN>/etc/passwd")
        let unknownField = EventFields.resolve("fd.name")?.extract(try #require(unknown), ProcessTable())
        #expect(unknownField == .string("<UNKNOWN>/etc/passwd"), "never resolved against the working directory")
    }

    @Test func mapsOpenVariants() throws {
        let open = mapper.event(from: syscall(2, result: -2, [0, 0o200000], path: "/etc"), number: 1)
        #expect(open?.type == .open && open?.fd?.number == -1 && open?.fd?.kind == .directory)
        #expect(flagNames(open, "flags") == ["O_RDONLY", "O_DIRECTORY"])
        let creat = mapper.event(from: syscall(85, result: 4, [0, 0o755], path: "/tmp/x"), number: 2)
        #expect(creat?.argument("flags") == nil && flagNames(creat, "mode").contains("S_IRWXU"))
        let openat2 = mapper.event(from: syscall(437, result: 5, [0, 0, 2, 0, 8], path: "/x"), number: 3)
        #expect(flagNames(openat2, "flags") == ["O_RDWR"] && openat2?.argument("resolve")?.integerValue == 8)
    }

    @Test func mapsAnExecveToTheNewProgram() throws {
        var record = syscall(59, path: "/bin/ls")
        record.exec = SensorExecInfo(
            capabilities: Capabilities(effective: 1 << 21, permitted: 1 << 21),
            loginUID: 1000,
            tty: 34816,
            sid: 9,
            vpid: 3,
            isExeFromMemfd: false,
            argv: ["ls", "-l", "/tmp"]
        )
        let known = ThreadInfo(pid: 10, comm: "bash", exe: "bash", exePath: "/bin/bash", cwd: "/root", exeInode: 77)
        let event = try #require(mapper.event(from: record, number: 1, known: known))
        #expect(event.type == .execve && event.argument("filename")?.stringValue == "/bin/ls")
        #expect(event.thread.exe == "ls" && event.thread.exePath == "/bin/ls" && event.thread.args == ["-l", "/tmp"])
        #expect(event.thread.cwd == "/root" && event.thread.exeInode == nil)
        #expect(event.thread.capabilities.effective == 1 << 21 && event.thread.loginUID == 1000)
        #expect(event.thread.tty == 34816 && event.thread.sid == 9 && event.thread.vpid == 3)
        var failed = syscall(59, result: -2, path: "/nope")
        failed.exec = nil
        let failure = try #require(mapper.event(from: failed, number: 2, known: known))
        #expect(failure.failed && failure.thread.exe == "bash" && failure.thread.exePath == "/bin/bash")
    }

    @Test func mapsAFexecveOfAMemfd() throws {
        var record = syscall(322, [3, 0, 0, 0, 0x1000])
        record.exec = SensorExecInfo(isExeFromMemfd: true, argv: ["payload"])
        let event = try #require(mapper.event(from: record, number: 1))
        #expect(event.type == .execveat && event.thread.isExeFromMemfd)
        #expect(event.thread.exePath == "/dev/fd/3" && event.thread.exe == "payload")
        #expect(flagNames(event, "flags") == ["AT_EMPTY_PATH"] && event.argument("dirfd")?.integerValue == 3)
    }

    @Test func mapsNetworkCalls() throws {
        var connect = syscall(42, result: 0, [5])
        connect.addressFamily = 2
        connect.socketType = 1
        connect.localAddress = [10, 0, 0, 2]
        connect.localPort = 40000
        connect.remoteAddress = [127, 0, 0, 1]
        connect.remotePort = 4444
        let event = try #require(mapper.event(from: connect, number: 1))
        #expect(event.type == .connect && event.argument("fd")?.integerValue == 5)
        #expect(event.argument("tuple")?.text == "10.0.0.2:40000->127.0.0.1:4444")
        #expect(event.fd?.number == 5 && event.fd?.kind == .ipv4 && event.fd?.isServer == false)
        #expect(event.fd?.tuple?.l4Protocol == .tcp)

        var unix = syscall(42, result: -2, [4], path: "/run/docker.sock")
        unix.addressFamily = 1
        let unixEvent = try #require(mapper.event(from: unix, number: 2))
        #expect(unixEvent.fd?.kind == .unix && unixEvent.argument("tuple")?.text == "/run/docker.sock")

        var accept = syscall(288, result: 7, [3, 0, 0, 0o2000000])
        accept.addressFamily = 10
        accept.localAddress = [UInt8](repeating: 0, count: 15) + [1]
        accept.localPort = 80
        accept.remoteAddress = [UInt8](repeating: 0, count: 15) + [1]
        accept.remotePort = 50000
        let accepted = try #require(mapper.event(from: accept, number: 3))
        #expect(accepted.argument("fd")?.integerValue == 7 && accepted.fd?.isServer == true)
        #expect(accepted.fd?.tuple?.serverPort == 80 && accepted.fd?.tuple?.clientPort == 50000)
        #expect(flagNames(accepted, "flags") == ["SOCK_CLOEXEC"])

        var bind = syscall(49, result: 0, [3])
        bind.addressFamily = 2
        bind.localAddress = [0, 0, 0, 0]
        bind.localPort = 8080
        let bound = try #require(mapper.event(from: bind, number: 4))
        #expect(bound.argument("addr")?.text == ":->0.0.0.0:8080")

        let listen = mapper.event(from: syscall(50, [3, 128]), number: 5)
        #expect(listen?.argument("backlog")?.integerValue == 128)
        let socket = mapper.event(from: syscall(41, result: 6, [2, 1 | 0o2000000, 6]), number: 6)
        #expect(
            socket?.argument("domain")?.text == "AF_INET"
                && socket?.argument("type")?.text == "SOCK_STREAM|SOCK_CLOEXEC"
        )
        #expect(socket?.fd?.kind == .ipv4 && socket?.argument("proto")?.integerValue == 6)
    }

    @Test func mapsDescriptorAndPrivilegeCalls() throws {
        let dup2 = mapper.event(from: syscall(33, result: 0, [5, 0]), number: 1)
        #expect(dup2?.argument("oldfd")?.integerValue == 5 && dup2?.argument("newfd")?.integerValue == 0)
        #expect(dup2?.fd == nil)
        var socketDup = syscall(33, result: 0, [5, 0])
        socketDup.addressFamily = 2
        socketDup.socketType = 1
        socketDup.localAddress = [10, 0, 0, 2]
        socketDup.localPort = 40000
        socketDup.remoteAddress = [10, 0, 0, 1]
        socketDup.remotePort = 4444
        let redirected = mapper.event(from: socketDup, number: 1)
        #expect(redirected?.fd?.number == 0 && redirected?.fd?.kind == .ipv4)
        #expect(redirected?.fd?.name == "10.0.0.2:40000->10.0.0.1:4444" && redirected?.fd?.isServer == nil)
        let dup3 = mapper.event(from: syscall(292, result: 9, [5, 9, 0o2000000]), number: 2)
        #expect(flagNames(dup3, "flags") == ["O_CLOEXEC"])
        let ptrace = mapper.event(from: syscall(101, result: 0, [16, 4242]), number: 3)
        #expect(ptrace?.argument("request")?.text == "PTRACE_ATTACH" && ptrace?.argument("pid")?.integerValue == 4242)
        let seize = mapper.event(from: syscall(101, [0x4206, 1]), number: 4)
        #expect(seize?.argument("request")?.text == "PTRACE_SEIZE")
        let setuid = mapper.event(from: syscall(105, [0]), number: 5)
        #expect(setuid?.argument("uid")?.integerValue == 0)
        let setresuid = mapper.event(from: syscall(117, [UInt64(UInt32.max), 0, 1]), number: 6)
        #expect(setresuid?.argument("ruid")?.integerValue == -1 && setresuid?.argument("suid")?.integerValue == 1)
        let setresgid = mapper.event(from: syscall(119, [1, 2, 3]), number: 7)
        #expect(setresgid?.argument("egid")?.integerValue == 2)
        let capset = mapper.event(from: syscall(126, [0, 0, 1 << 21, 1 << 21, 0]), number: 8)
        #expect(capset?.argument("cap_effective")?.text == "CAP_SYS_ADMIN")
        let kill = mapper.event(from: syscall(62, [4242, 9]), number: 9)
        #expect(kill?.argument("pid")?.integerValue == 4242 && kill?.argument("sig")?.integerValue == 9)
        let close = mapper.event(from: syscall(3, [7]), number: 11)
        #expect(close?.argument("fd")?.integerValue == 7)
        let chdir = mapper.event(from: syscall(80, path: "/srv"), number: 12)
        #expect(chdir?.argument("path")?.stringValue == "/srv")
        let prctl = mapper.event(from: syscall(157, [36, 1]), number: 13)
        #expect(prctl?.argument("option")?.integerValue == 36 && prctl?.argument("arg2")?.integerValue == 1)
        let tgkill = mapper.event(from: syscall(234, [5, 6, 15]), number: 14)
        #expect(tgkill?.argument("tid")?.integerValue == 6 && tgkill?.argument("sig")?.integerValue == 15)
        let userfaultfd = mapper.event(from: syscall(323, result: 4, [0]), number: 15)
        #expect(userfaultfd?.fd?.kind == .userfaultfd)
        let setgid = mapper.event(from: syscall(106, [50]), number: 10)
        #expect(setgid?.argument("gid")?.integerValue == 50)
    }

    @Test func mapsKernelAndNamespaceCalls() throws {
        let mount = mapper.event(
            from: syscall(
                165,
                result: -1,
                [0, 0, 0, 0xC0ED_0000 | 4096 | 16384],
                path: "/",
                secondPath: "/mnt",
                aux: "none"
            ),
            number: 1
        )
        #expect(mount?.argument("dev")?.stringValue == "/" && mount?.argument("dir")?.stringValue == "/mnt")
        #expect(mount?.argument("type")?.stringValue == "none" && flagNames(mount, "flags") == ["MS_BIND", "MS_REC"])
        let umount = mapper.event(from: syscall(166, [0, 2], path: "/mnt"), number: 2)
        #expect(umount?.argument("name")?.stringValue == "/mnt" && flagNames(umount, "flags") == ["MNT_DETACH"])
        let unshare = mapper.event(from: syscall(272, [0x20000 | 0x1000_0000]), number: 3)
        #expect(flagNames(unshare, "flags") == ["CLONE_NEWNS", "CLONE_NEWUSER"])
        let setns = mapper.event(from: syscall(308, [3, 0x4000_0000]), number: 4)
        #expect(setns?.argument("fd")?.integerValue == 3 && flagNames(setns, "nstype") == ["CLONE_NEWNET"])
        let initModule = mapper.event(from: syscall(175, result: -1, [0, 64, 0], path: "debug=1"), number: 5)
        #expect(initModule?.argument("len")?.integerValue == 64 && initModule?.argument("uargs")?.text == "debug=1")
        let finit = mapper.event(from: syscall(313, [3, 0, 2]), number: 6)
        #expect(
            finit?.argument("fd")?.integerValue == 3 && flagNames(finit, "flags") == ["MODULE_INIT_IGNORE_VERMAGIC"]
        )
        let delete = mapper.event(from: syscall(176, [0, 0o4000], path: "evil"), number: 7)
        #expect(delete?.argument("name")?.text == "evil")
        let bpf = mapper.event(from: syscall(321, result: -22, [5]), number: 8)
        #expect(bpf?.argument("cmd")?.text == "BPF_PROG_LOAD")
        let unknownCommand = mapper.event(from: syscall(321, [999]), number: 9)
        #expect(unknownCommand?.argument("cmd")?.integerValue == 999)
    }

    @Test func mapsFileSystemCalls() throws {
        let chmod = mapper.event(from: syscall(90, [0, 0o4755], path: "/tmp/sh"), number: 1)
        #expect(chmod?.argument("filename")?.stringValue == "/tmp/sh")
        #expect(flagNames(chmod, "mode").contains("S_ISUID") && flagNames(chmod, "mode").contains("S_IRWXU"))
        if case .flags(let set) = chmod?.argument("mode") { #expect(set.raw == 0o4755) }
        let fchmodat = mapper.event(from: syscall(268, [UInt64(bitPattern: -100), 0, 0o2000], path: "x"), number: 2)
        #expect(fchmodat?.argument("dirfd")?.integerValue == -100 && flagNames(fchmodat, "mode") == ["S_ISGID"])
        let fchmod = mapper.event(from: syscall(91, [4, 0o600]), number: 3)
        #expect(fchmod?.argument("fd")?.integerValue == 4)
        let unlink = mapper.event(from: syscall(87, path: "/tmp/a"), number: 4)
        #expect(unlink?.argument("path")?.stringValue == "/tmp/a")
        let unlinkat = mapper.event(from: syscall(263, [3, 0, 0x200], path: "d"), number: 5)
        #expect(unlinkat?.argument("name")?.stringValue == "d" && flagNames(unlinkat, "flags") == ["AT_REMOVEDIR"])
        let rename2 = mapper.event(from: syscall(316, [1, 0, 2, 0, 1], path: "a", secondPath: "b"), number: 6)
        #expect(rename2?.argument("oldpath")?.stringValue == "a" && rename2?.argument("newpath")?.stringValue == "b")
        #expect(rename2?.argument("newdirfd")?.integerValue == 2 && flagNames(rename2, "flags") == ["RENAME_NOREPLACE"])
        let rename = mapper.event(from: syscall(82, path: "a", secondPath: "b"), number: 7)
        #expect(rename?.argument("newpath")?.stringValue == "b")
        let symlinkat = mapper.event(from: syscall(266, [0, 5], path: "/etc/shadow", secondPath: "s"), number: 8)
        #expect(symlinkat?.argument("target")?.stringValue == "/etc/shadow")
        #expect(
            symlinkat?.argument("linkdirfd")?.integerValue == 5 && symlinkat?.argument("linkpath")?.stringValue == "s"
        )
        let symlink = mapper.event(from: syscall(88, path: "t", secondPath: "l"), number: 9)
        #expect(symlink?.argument("linkpath")?.stringValue == "l")
        let linkat = mapper.event(from: syscall(265, [1, 0, 2, 0, 0x400], path: "a", secondPath: "b"), number: 10)
        #expect(linkat?.argument("olddir")?.integerValue == 1 && flagNames(linkat, "flags") == ["AT_SYMLINK_FOLLOW"])
        let link = mapper.event(from: syscall(86, path: "a", secondPath: "b"), number: 11)
        #expect(link?.argument("oldpath")?.stringValue == "a")
        let mkdirat = mapper.event(from: syscall(258, [3, 0, 0o700], path: "d"), number: 12)
        #expect(mkdirat?.argument("path")?.stringValue == "d" && flagNames(mkdirat, "mode").contains("S_IRWXU"))
        let mkdir = mapper.event(from: syscall(83, [0, 0o755], path: "/d"), number: 13)
        #expect(mkdir?.argument("path")?.stringValue == "/d")
        let memfd = mapper.event(from: syscall(319, result: 3, [0, 1], path: "x"), number: 14)
        #expect(memfd?.argument("name")?.stringValue == "x" && flagNames(memfd, "flags") == ["MFD_CLOEXEC"])
        #expect(memfd?.fd == FileDescriptorInfo(number: 3, kind: .memfd, name: "memfd:x"))
    }

    @Test func mapsExecForkAndExit() throws {
        let exec = try #require(
            mapper.event(
                from: SensorRecord(kind: .processExec, path: "/bin/true", exec: SensorExecInfo(argv: ["true"])),
                number: 1
            )
        )
        #expect(exec.type == .schedProcessExec && exec.thread.exePath == "/bin/true" && exec.thread.exe == "true")
        let fork = try #require(
            mapper.event(from: SensorRecord(kind: .processFork, childTID: 9, childPID: 9), number: 2)
        )
        #expect(fork.type == .schedProcessFork && fork.argument("child_pid")?.integerValue == 9)
        let exit = try #require(mapper.event(from: SensorRecord(kind: .processExit, result: 256), number: 3))
        #expect(exit.type == .procexit && exit.argument("status")?.integerValue == 256)
    }

    @Test func skipsSyscallsItDoesNotKnow() {
        #expect(mapper.event(from: SensorRecord(kind: .syscall, syscallNumber: 0), number: 1) == nil)
    }

    @Test func everyTracedSyscallMapsToItsEventType() {
        for (number, type) in SyscallNumbers.x86_64 {
            #expect(mapper.event(from: syscall(number), number: 1)?.type == type)
        }
        #expect(SyscallNumbers.numbers(for: [.openat, .schedProcessExec, .read]) == [257])
        #expect(SyscallNumbers.numbers(for: nil).count == SyscallNumbers.x86_64.count)
    }

    static let id = "4f2a6c1d8e9b0a1f2e3d4c5b6a79880716253443526170819fa0b1c2d3e4f5a6"

    @Test(arguments: [
        (id, "4f2a6c1d8e9b"),
        ("docker-\(id).scope", "4f2a6c1d8e9b"),
        ("/docker/\(id)", "4f2a6c1d8e9b"),
        ("/system.slice/docker-\(id).scope", "4f2a6c1d8e9b"),
        ("/kubepods/besteffort/pod0c4f2c8e-1b7a-4f0e-9d4a-2a1b3c4d5e6f/\(id)", "4f2a6c1d8e9b"),
        ("/kubepods.slice/kubepods-pod1.slice/cri-containerd-\(id).scope", "4f2a6c1d8e9b"),
        ("/kubepods.slice/crio-\(id).scope", "4f2a6c1d8e9b"),
        ("12:memory:/docker/\(id)", "4f2a6c1d8e9b"),
        ("0::/docker/\(id)/init.scope", "4f2a6c1d8e9b"),
        ("/", "host"),
        ("user.slice", "host"),
        ("/user.slice/user-1000.slice/session-2.scope", "host"),
        (id.uppercased(), "host"),
        (String(id.dropLast()), "host"),
    ])
    func containerIDFromTheCgroup(_ name: String, _ expected: String) {
        let container = SensorEventMapper.container(cgroupName: name)
        #expect(container.id == expected)
        if expected != "host" { #expect(container.fullID == Self.id) }
    }

    /// Decode + map throughput of openat records (logged, not asserted: shared CI cores).
    @Test func logsTheDecodeAndMapRate() throws {
        var raw = RecordBytes(kind: 1, syscall: 257)
        raw.task(pid: 100, tid: 101, ppid: 1, uid: 0, comm: "sensor-workload", cgroup: "user.slice")
        raw.path("/etc/hostname")
        raw.put(Int64(3), at: SensorRecordLayout.result)
        raw.argument(0, UInt64(bitPattern: -100))
        raw.argument(2, 0o2_000_000)
        let known = ThreadInfo(pid: 100, comm: "sensor-workload", exe: "sensor-workload", cwd: "/")
        let count = 200_000
        var mapped = 0
        let started = ContinuousClock.now
        try raw.bytes.withUnsafeBytes { buffer in
            for index in 0..<count {
                let record = try SensorRecordDecoder.decode(buffer)
                if mapper.event(from: record, number: UInt64(index), known: known) != nil { mapped += 1 }
            }
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "sensor records: decoded and mapped \(mapped) openat records in \(elapsed): \(Int(Double(mapped) / seconds)) records/s"
        )
        #expect(mapped == count)
    }
}
