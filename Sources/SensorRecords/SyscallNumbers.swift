public import RuntimeEvents

/// System call numbers the BPF program traces, x86_64 numbering.
public enum SyscallNumbers {
    /// Event type for each traced number.
    public static let x86_64: [UInt32: EventType] = [
        2: .open, 3: .close, 80: .chdir, 81: .fchdir, 157: .prctl, 200: .tkill, 234: .tgkill, 323: .userfaultfd,
        32: .dup, 33: .dup2, 41: .socket, 42: .connect, 43: .accept, 49: .bind, 50: .listen,
        59: .execve, 62: .kill, 82: .rename, 83: .mkdir, 85: .creat, 86: .link, 87: .unlink, 88: .symlink,
        90: .chmod, 91: .fchmod, 101: .ptrace, 105: .setuid, 106: .setgid, 117: .setresuid, 119: .setresgid,
        126: .capset, 165: .mount, 166: .umount2, 175: .initModule, 176: .deleteModule, 257: .openat,
        258: .mkdirat, 263: .unlinkat, 264: .renameat, 265: .linkat, 266: .symlinkat, 268: .fchmodat,
        272: .unshare, 288: .accept4, 292: .dup3, 308: .setns, 313: .finitModule, 316: .renameat2,
        319: .memfdCreate, 321: .bpf, 322: .execveat, 437: .openat2,
    ]

    /// The kernel's name for each traced number: its `syscalls/sys_enter_NAME` and `sys_exit_NAME` trace events
    /// (the name of the syscall's definition, which is not always the event type's: x86_64's `umount2` is
    /// defined as `umount`).
    public static let traceEventNames: [UInt32: String] = Dictionary(
        uniqueKeysWithValues: x86_64.map { number, type in (number, number == 166 ? "umount" : type.rawValue) }
    )

    /// The traced number of each trace event name (the inverse of ``traceEventNames``).
    public static let numbersByTraceEventName: [String: UInt32] = Dictionary(
        uniqueKeysWithValues: traceEventNames.map { ($0.value, $0.key) }
    )

    /// The x86_64 number of each traced event type (the inverse of ``x86_64``).
    public static let x86_64ByEventType: [EventType: UInt32] = Dictionary(
        uniqueKeysWithValues: x86_64.map { ($0.value, $0.key) }
    )

    /// The syscall numbers to trace for `eventTypes` (nil: every traced syscall); event types the sensor
    /// does not trace as syscalls (scheduler events, `close`…) add nothing.
    public static func numbers(for eventTypes: Set<EventType>?) -> Set<UInt32> {
        guard let eventTypes else { return Set(x86_64.keys) }
        return Set(eventTypes.compactMap { x86_64ByEventType[$0] })
    }
}
