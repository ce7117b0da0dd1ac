public import RuntimeEvents

/// Turns decoded ``SensorRecord``s into ``RuntimeEvents/RuntimeEvent``s: event type, arguments, thread, fd and
/// container id from the cgroup name.
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
    public func event(from record: SensorRecord, number: UInt64) -> RuntimeEvent? {
        let type: EventType
        var arguments: [EventArgument] = []
        var fd: FileDescriptorInfo?
        var thread = ThreadInfo(
            pid: Int64(record.pid),
            tid: Int64(record.tid),
            ppid: Int64(record.ppid),
            comm: record.comm,
            uid: Int64(record.uid),
            gid: Int64(record.gid)
        )
        var result: Int64? = record.result
        switch record.kind {
        case .processExec:
            type = .schedProcessExec
            thread.exe = record.path
            thread.exePath = record.path
            arguments = [EventArgument("filename", .path(record.path))]
            result = nil
        case .processFork:
            type = .schedProcessFork
            arguments = [
                EventArgument("child_tid", .integer(Int64(record.childTID))),
                EventArgument("child_pid", .integer(Int64(record.childPID))),
            ]
            result = nil
        case .processExit:
            type = .procexit
            arguments = [EventArgument("status", .integer(record.result))]
        case .syscall:
            guard let syscall = syscalls[record.syscallNumber] else { return nil }
            type = syscall
            switch syscall {
            case .execve, .execveat:
                arguments = [EventArgument("filename", .path(record.path))]
                if record.result == 0 {
                    thread.exe = record.path
                    thread.exePath = record.path
                }
            case .openat, .openat2:
                arguments = [
                    EventArgument("name", .path(record.path)),
                    EventArgument("flags", .integer(Int64(bitPattern: record.flags))),
                    EventArgument("mode", .integer(Int64(record.mode))),
                ]
                if record.result >= 0 {
                    arguments.insert(EventArgument("fd", .integer(record.result)), at: 0)
                    fd = FileDescriptorInfo(number: record.result, kind: .file, name: record.path)
                }
            case .connect:
                let tuple = Self.tuple(record)
                arguments = [EventArgument("fd", .integer(Int64(bitPattern: record.flags)))]
                if let tuple {
                    arguments.append(EventArgument("tuple", .socketTuple(tuple)))
                    fd = FileDescriptorInfo(
                        number: Int64(bitPattern: record.flags),
                        kind: tuple.family == .ipv4 ? .ipv4 : .ipv6,
                        name: tuple.description,
                        tuple: tuple,
                        isServer: false
                    )
                }
            default:
                break
            }
        }
        return RuntimeEvent(
            number: number,
            timestamp: record.bootTimeNanoseconds &+ bootToEpochOffset,
            type: type,
            result: result,
            arguments: arguments,
            thread: thread,
            fd: fd,
            container: Self.container(cgroupName: record.cgroupName)
        )
    }

    /// The server end of a `connect` address, nil unless IPv4 or IPv6.
    static func tuple(_ record: SensorRecord) -> SocketTuple? {
        guard let ip = IPAddress(bytes: record.address) else { return nil }
        switch record.addressFamily {
        case 2: return SocketTuple(family: .ipv4, serverIP: ip, serverPort: record.port)
        case 10: return SocketTuple(family: .ipv6, serverIP: ip, serverPort: record.port)
        default: return nil
        }
    }

    /// The container for a cgroup leaf name: a 64-hex-digit id (`<id>`, `docker-<id>.scope`,
    /// `cri-containerd-<id>.scope`) gives its 12-character short id; anything else is the host.
    public static func container(cgroupName: String) -> ContainerInfo {
        var name = Substring(cgroupName)
        if name.hasSuffix(".scope") { name = name.dropLast(".scope".count) }
        if let dash = name.lastIndex(of: "-") { name = name[name.index(after: dash)...] }
        let isID =
            name.utf8.count == 64 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        guard isID else { return .host }
        return ContainerInfo(id: String(name.prefix(12)), fullID: String(name))
    }
}
