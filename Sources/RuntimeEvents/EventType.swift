/// The kind of a runtime event: a system call the kernel sensor traces, or a scheduler event.
///
/// The raw value is the name Falco rules use in `evt.type` (`openat`, `execve`, `procexit`…).
public enum EventType: String, Sendable, Hashable, CaseIterable {
    // process lifecycle
    case execve, execveat
    case clone, clone3, fork, vfork
    case exit
    case procexit
    case schedProcessFork = "sched_process_fork"
    case schedProcessExec = "sched_process_exec"
    // files
    case open, openat, openat2, creat, close
    case dup, dup2, dup3
    case chmod, fchmod, fchmodat
    case chown, fchown, lchown, fchownat
    case unlink, unlinkat
    case rename, renameat, renameat2
    case symlink, symlinkat, link, linkat
    case mkdir, mkdirat
    case chdir, fchdir
    case memfdCreate = "memfd_create"
    // network
    case socket, connect, accept, accept4, bind, listen
    case sendto, recvfrom, sendmsg, recvmsg
    // I/O with a data buffer (`evt.buffer`)
    case read, write, pread64, pwrite64, readv, writev, preadv, pwritev
    // credentials and privileges
    case setuid, setgid, setresuid, setresgid, capset, prctl
    case ptrace, kill, tkill, tgkill
    case mount, umount, umount2
    case unshare, setns
    case initModule = "init_module"
    case finitModule = "finit_module"
    case deleteModule = "delete_module"
    case bpf, userfaultfd

    /// The `evt.type` name.
    public var name: String { rawValue }

    /// The event type named `name`, or nil for a name this model does not know.
    public init?(name: String) { self.init(rawValue: name) }

    /// True for the events after which the thread describes a new program image.
    public var isExec: Bool { self == .execve || self == .execveat || self == .schedProcessExec }

    /// True for the events that create a process or thread.
    public var isFork: Bool {
        switch self {
        case .clone, .clone3, .fork, .vfork, .schedProcessFork: return true
        default: return false
        }
    }

    /// True for the events that end a thread.
    public var isExit: Bool { self == .exit || self == .procexit }

    /// True for the read/write/send/receive events whose `data` argument is `evt.buffer`.
    public var carriesBuffer: Bool {
        switch self {
        case .read, .write, .pread64, .pwrite64, .readv, .writev, .preadv, .pwritev, .sendto, .recvfrom, .sendmsg,
            .recvmsg:
            return true
        default: return false
        }
    }

    /// True for the events whose return value is a new file descriptor for a file or memory file.
    public var opensFile: Bool {
        switch self {
        case .open, .openat, .openat2, .creat, .memfdCreate: return true
        default: return false
        }
    }
}
