public import RuntimeEvents

/// Turns decoded ``SensorRecord``s into ``RuntimeEvents/RuntimeEvent``s as a recording would hold them: event
/// type, Falco's argument names and flag names, the thread (what the process table knew, overlaid with what the
/// record carries), the file descriptor the call is about, and the container id from the cgroup.
public struct SensorEventMapper: Sendable {
    /// Nanoseconds to add to a boot-time stamp to get nanoseconds since the Unix epoch.
    public var bootToEpochOffset: UInt64
    /// Event type per traced syscall number.
    public var syscalls: [UInt32: EventType]

    /// Creates a mapper.
    public init(bootToEpochOffset: UInt64, syscalls: [UInt32: EventType] = SyscallNumbers.x86_64) {
        self.bootToEpochOffset = bootToEpochOffset
        self.syscalls = syscalls
    }

    /// The event for `record`, numbered `number`; nil for a syscall number this mapper does not know.
    ///
    /// The thread starts from `known` (the process as the process table knows it: exe, args, cwd, tty…) and
    /// takes pid, tid, ppid, comm, uid, gid and euid from the record; a completed exec also sets the new exe,
    /// exe path, args, capabilities, login uid, terminal, session, vpid and memfd origin.
    ///
    /// `directory` gives the path of a directory descriptor of the process (the process table's, for an open
    /// relative to a `dirfd`); without it such an open's `fd.name` is `<UNKNOWN>/…`.
    public func event(
        from record: SensorRecord,
        number: UInt64,
        known: ThreadInfo? = nil,
        directory: (Int64) -> String? = { _ in nil }
    ) -> RuntimeEvent? {
        let type: EventType
        var result: Int64? = record.result
        var syscall = SyscallEvent(arguments: [], fd: nil)
        let thread = Self.thread(for: record, known: known)
        switch record.kind {
        case .processExec:
            type = .schedProcessExec
            syscall.arguments = [EventArgument("filename", .path(record.path))]
            result = nil
        case .processFork:
            type = .schedProcessFork
            syscall.arguments = [
                EventArgument("child_tid", .integer(Int64(record.childTID))),
                EventArgument("child_pid", .integer(Int64(record.childPID))),
            ]
            result = nil
        case .processExit:
            type = .procexit
            syscall.arguments = [EventArgument("status", .integer(record.result))]
        case .syscall:
            guard let known = syscalls[record.syscallNumber] else { return nil }
            type = known
            syscall = Self.syscallEvent(type, record, cwd: thread.cwd, directory: directory)
        }
        return RuntimeEvent(
            number: number,
            timestamp: record.bootTimeNanoseconds &+ bootToEpochOffset,
            type: type,
            direction: .exit,
            result: result,
            arguments: syscall.arguments,
            thread: thread,
            fd: syscall.fd,
            container: Self.container(cgroupName: record.cgroupName)
        )
    }

    /// The event's thread: `known` overlaid with the record's ids, and with the new program after an exec.
    static func thread(for record: SensorRecord, known: ThreadInfo?) -> ThreadInfo {
        var thread = known ?? ThreadInfo(pid: Int64(record.pid))
        thread.pid = Int64(record.pid)
        thread.tid = Int64(record.tid)
        thread.ppid = Int64(record.ppid)
        thread.uid = Int64(record.uid)
        thread.gid = Int64(record.gid)
        thread.euid = Int64(record.euid)
        guard let exec = record.exec else {
            thread.comm = record.comm
            return thread
        }
        var exePath = record.path
        if exePath.isEmpty, record.kind == .syscall, record.syscallNumber == 322 {
            exePath = "/dev/fd/\(record.arguments.int32(0))"  // execveat(fd, "", AT_EMPTY_PATH): fexecve
        }
        // The new program's texts in one step (setting them one by one would build a text box for each).
        thread.setProgram(
            comm: record.comm,
            exe: exec.argv.first ?? exePath,
            exePath: exePath,
            args: exec.argv.isEmpty ? [] : Array(exec.argv.dropFirst())
        )
        thread.isExeFromMemfd = exec.isExeFromMemfd
        thread.isExeUpperLayer = false
        thread.exeInode = nil
        thread.exeInodeChangeTime = nil
        thread.exeInodeModificationTime = nil
        thread.capabilities = exec.capabilities
        thread.loginUID = exec.loginUID
        thread.tty = exec.tty
        thread.sid = exec.sid
        thread.vpid = exec.vpid
        return thread
    }

    /// The container for a cgroup leaf name or a whole cgroup path (`/docker/<id>`,
    /// `/system.slice/docker-<id>.scope`, `/kubepods/…/<id>`, `…/cri-containerd-<id>.scope`,
    /// `…/crio-<id>.scope`, or a `/proc/<pid>/cgroup` line such as `12:memory:/docker/<id>`): the last path
    /// component holding a 64-hex-digit id gives its 12-character short id and the full id; anything else is
    /// the host.
    public static func container(cgroupName: String) -> ContainerInfo {
        var utf8 = Substring(cgroupName).utf8
        guard utf8.count >= 64 else { return .host }
        while !utf8.isEmpty {
            let component: Substring.UTF8View
            if let slash = utf8.lastIndex(of: UInt8(ascii: "/")) {
                component = utf8[utf8.index(after: slash)...]
                utf8 = utf8[..<slash]
            } else {
                component = utf8
                utf8 = utf8[utf8.endIndex...]
            }
            if let id = containerID(in: Substring(component)) {
                return ContainerInfo(id: String(id.prefix(12)), fullID: String(id))
            }
        }
        return .host
    }

    /// The 64-hex-digit id of one cgroup path component (`<id>`, `<runtime>-<id>.scope`), or nil.
    private static func containerID(in component: Substring) -> Substring? {
        var name = component
        if name.hasSuffix(".scope") { name = name.dropLast(".scope".count) }
        if let dash = name.lastIndex(of: "-") { name = name[name.index(after: dash)...] }
        let isID =
            name.utf8.count == 64
            && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        return isID ? name : nil
    }
}
