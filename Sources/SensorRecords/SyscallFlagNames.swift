public import RuntimeEvents

/// Falco's names for the flag and enumeration arguments of the traced system calls (x86_64 values), and the
/// conversion of a raw value into a ``RuntimeEvents/FlagSet``.
public enum SyscallFlagNames {
    /// One named bit mask (or, for an enumeration, one value).
    public typealias Entry = (mask: UInt64, name: String)

    /// `open`/`openat`/`openat2` flags besides the access mode (`O_RDONLY`/`O_WRONLY`/`O_RDWR`).
    public static let openFlags: [Entry] = [
        (0o100, "O_CREAT"), (0o200, "O_EXCL"), (0o400, "O_NOCTTY"), (0o1000, "O_TRUNC"), (0o2000, "O_APPEND"),
        (0o4000, "O_NONBLOCK"), (0o10000, "O_DSYNC"), (0o20000, "O_ASYNC"), (0o40000, "O_DIRECT"),
        (0o100000, "O_LARGEFILE"), (0o200000, "O_DIRECTORY"), (0o400000, "O_NOFOLLOW"), (0o1000000, "O_NOATIME"),
        (0o2000000, "O_CLOEXEC"), (0o4010000, "O_SYNC"), (0o10000000, "O_PATH"), (0o20200000, "O_TMPFILE"),
    ]

    /// File mode bits (`chmod`, `mkdir`, `open` mode); the `S_IRWX*` names are listed when all three bits are set.
    public static let modeBits: [Entry] = [
        (0o4000, "S_ISUID"), (0o2000, "S_ISGID"), (0o1000, "S_ISVTX"), (0o700, "S_IRWXU"), (0o400, "S_IRUSR"),
        (0o200, "S_IWUSR"), (0o100, "S_IXUSR"), (0o70, "S_IRWXG"), (0o40, "S_IRGRP"), (0o20, "S_IWGRP"),
        (0o10, "S_IXGRP"), (0o7, "S_IRWXO"), (0o4, "S_IROTH"), (0o2, "S_IWOTH"), (0o1, "S_IXOTH"),
    ]

    /// `ptrace` requests (an enumeration).
    public static let ptraceRequests: [Entry] = [
        (0, "PTRACE_TRACEME"), (1, "PTRACE_PEEKTEXT"), (2, "PTRACE_PEEKDATA"), (3, "PTRACE_PEEKUSR"),
        (4, "PTRACE_POKETEXT"), (5, "PTRACE_POKEDATA"), (6, "PTRACE_POKEUSR"), (7, "PTRACE_CONT"),
        (8, "PTRACE_KILL"), (9, "PTRACE_SINGLESTEP"), (12, "PTRACE_GETREGS"), (13, "PTRACE_SETREGS"),
        (14, "PTRACE_GETFPREGS"), (15, "PTRACE_SETFPREGS"), (16, "PTRACE_ATTACH"), (17, "PTRACE_DETACH"),
        (18, "PTRACE_GETFPXREGS"), (19, "PTRACE_SETFPXREGS"), (24, "PTRACE_SYSCALL"), (30, "PTRACE_ARCH_PRCTL"),
        (31, "PTRACE_SYSEMU"), (32, "PTRACE_SYSEMU_SINGLESTEP"), (33, "PTRACE_SINGLEBLOCK"),
        (0x4200, "PTRACE_SETOPTIONS"), (0x4201, "PTRACE_GETEVENTMSG"), (0x4202, "PTRACE_GETSIGINFO"),
        (0x4203, "PTRACE_SETSIGINFO"), (0x4204, "PTRACE_GETREGSET"), (0x4205, "PTRACE_SETREGSET"),
        (0x4206, "PTRACE_SEIZE"), (0x4207, "PTRACE_INTERRUPT"), (0x4208, "PTRACE_LISTEN"),
        (0x4209, "PTRACE_PEEKSIGINFO"),
    ]

    /// `clone`-style flags of `unshare` and `setns`.
    public static let cloneFlags: [Entry] = [
        (0x80, "CLONE_NEWTIME"), (0x100, "CLONE_VM"), (0x200, "CLONE_FS"), (0x400, "CLONE_FILES"),
        (0x800, "CLONE_SIGHAND"), (0x10000, "CLONE_THREAD"), (0x20000, "CLONE_NEWNS"), (0x40000, "CLONE_SYSVSEM"),
        (0x0200_0000, "CLONE_NEWCGROUP"), (0x0400_0000, "CLONE_NEWUTS"), (0x0800_0000, "CLONE_NEWIPC"),
        (0x1000_0000, "CLONE_NEWUSER"), (0x2000_0000, "CLONE_NEWPID"), (0x4000_0000, "CLONE_NEWNET"),
    ]

    /// `mount` flags.
    public static let mountFlags: [Entry] = [
        (1, "MS_RDONLY"), (2, "MS_NOSUID"), (4, "MS_NODEV"), (8, "MS_NOEXEC"), (16, "MS_SYNCHRONOUS"),
        (32, "MS_REMOUNT"), (64, "MS_MANDLOCK"), (128, "MS_DIRSYNC"), (256, "MS_NOSYMFOLLOW"), (1024, "MS_NOATIME"),
        (2048, "MS_NODIRATIME"), (4096, "MS_BIND"), (8192, "MS_MOVE"), (16384, "MS_REC"), (32768, "MS_SILENT"),
        (1 << 16, "MS_POSIXACL"), (1 << 17, "MS_UNBINDABLE"), (1 << 18, "MS_PRIVATE"), (1 << 19, "MS_SLAVE"),
        (1 << 20, "MS_SHARED"), (1 << 21, "MS_RELATIME"), (1 << 22, "MS_KERNMOUNT"), (1 << 23, "MS_I_VERSION"),
        (1 << 24, "MS_STRICTATIME"), (1 << 25, "MS_LAZYTIME"),
    ]

    /// `umount2` flags.
    public static let umountFlags: [Entry] = [
        (1, "MNT_FORCE"), (2, "MNT_DETACH"), (4, "MNT_EXPIRE"), (8, "UMOUNT_NOFOLLOW"),
    ]

    /// `memfd_create` flags.
    public static let memfdFlags: [Entry] = [
        (1, "MFD_CLOEXEC"), (2, "MFD_ALLOW_SEALING"), (4, "MFD_HUGETLB"), (8, "MFD_NOEXEC_SEAL"), (16, "MFD_EXEC"),
    ]

    /// Socket address families (an enumeration).
    public static let socketDomains: [Entry] = [
        (1, "AF_UNIX"), (2, "AF_INET"), (10, "AF_INET6"), (16, "AF_NETLINK"), (17, "AF_PACKET"),
    ]

    /// Socket types (the low four bits, an enumeration).
    public static let socketTypes: [Entry] = [
        (1, "SOCK_STREAM"), (2, "SOCK_DGRAM"), (3, "SOCK_RAW"), (4, "SOCK_RDM"), (5, "SOCK_SEQPACKET"),
        (6, "SOCK_DCCP"), (10, "SOCK_PACKET"),
    ]

    /// `socket` type modifiers and `accept4` flags.
    public static let socketFlags: [Entry] = [(0o4000, "SOCK_NONBLOCK"), (0o2000000, "SOCK_CLOEXEC")]

    /// `dup3` flags.
    public static let dup3Flags: [Entry] = [(0o2000000, "O_CLOEXEC")]

    /// `*at` flags (`unlinkat`, `linkat`, `execveat`, `fchmodat`).
    public static let atFlags: [Entry] = [
        (0x100, "AT_SYMLINK_NOFOLLOW"), (0x200, "AT_REMOVEDIR"), (0x400, "AT_SYMLINK_FOLLOW"),
        (0x800, "AT_NO_AUTOMOUNT"), (0x1000, "AT_EMPTY_PATH"),
    ]

    /// `renameat2` flags.
    public static let renameFlags: [Entry] = [(1, "RENAME_NOREPLACE"), (2, "RENAME_EXCHANGE"), (4, "RENAME_WHITEOUT")]

    /// `finit_module` flags.
    public static let finitModuleFlags: [Entry] = [
        (1, "MODULE_INIT_IGNORE_MODVERSIONS"), (2, "MODULE_INIT_IGNORE_VERMAGIC"), (4, "MODULE_INIT_COMPRESSED_FILE"),
    ]

    /// `delete_module` flags.
    public static let deleteModuleFlags: [Entry] = [(0o4000, "O_NONBLOCK"), (0o1000, "O_TRUNC")]

    /// `bpf` commands (an enumeration).
    public static let bpfCommands: [Entry] = [
        "BPF_MAP_CREATE", "BPF_MAP_LOOKUP_ELEM", "BPF_MAP_UPDATE_ELEM", "BPF_MAP_DELETE_ELEM", "BPF_MAP_GET_NEXT_KEY",
        "BPF_PROG_LOAD", "BPF_OBJ_PIN", "BPF_OBJ_GET", "BPF_PROG_ATTACH", "BPF_PROG_DETACH", "BPF_PROG_TEST_RUN",
        "BPF_PROG_GET_NEXT_ID", "BPF_MAP_GET_NEXT_ID", "BPF_PROG_GET_FD_BY_ID", "BPF_MAP_GET_FD_BY_ID",
        "BPF_OBJ_GET_INFO_BY_FD", "BPF_PROG_QUERY", "BPF_RAW_TRACEPOINT_OPEN", "BPF_BTF_LOAD",
        "BPF_BTF_GET_FD_BY_ID", "BPF_TASK_FD_QUERY", "BPF_MAP_LOOKUP_AND_DELETE_ELEM", "BPF_MAP_FREEZE",
        "BPF_BTF_GET_NEXT_ID", "BPF_MAP_LOOKUP_BATCH", "BPF_MAP_LOOKUP_AND_DELETE_BATCH", "BPF_MAP_UPDATE_BATCH",
        "BPF_MAP_DELETE_BATCH", "BPF_LINK_CREATE", "BPF_LINK_UPDATE", "BPF_LINK_GET_FD_BY_ID",
        "BPF_LINK_GET_NEXT_ID", "BPF_ENABLE_STATS", "BPF_ITER_CREATE", "BPF_LINK_DETACH", "BPF_PROG_BIND_MAP",
        "BPF_TOKEN_CREATE",
    ].enumerated().map { (UInt64($0.offset), $0.element) }

    /// The bits of `raw` named by `table` (a composite mask is named when all its bits are set).
    public static func flags(_ raw: UInt64, _ table: [Entry]) -> FlagSet {
        guard raw != 0 else { return FlagSet(raw: 0, names: []) }
        var names: [String] = []
        names.reserveCapacity(min(table.count, raw.nonzeroBitCount + 2))
        for entry in table where entry.mask != 0 && raw & entry.mask == entry.mask { names.append(entry.name) }
        return FlagSet(raw: raw, names: names)
    }

    /// The name of the enumeration value `raw` in `table` (one name), or nil when unknown.
    public static func enumeration(_ raw: UInt64, _ table: [Entry]) -> FlagSet? {
        for entry in table where entry.mask == raw { return FlagSet(raw: raw, names: [entry.name]) }
        return nil
    }

    /// `open` flags: the access mode name first, then the other flags; `O_SYNC` implies `O_DSYNC` and
    /// `O_TMPFILE` implies `O_DIRECTORY`, as in the kernel.
    public static func openFlags(_ raw: UInt64) -> FlagSet {
        let access: String
        switch raw & 3 {
        case 1: access = "O_WRONLY"
        case 2, 3: access = "O_RDWR"
        default: access = "O_RDONLY"
        }
        var names: [String] = []
        names.reserveCapacity(raw.nonzeroBitCount + 1)
        names.append(access)
        for entry in openFlags where raw & entry.mask == entry.mask { names.append(entry.name) }
        return FlagSet(raw: raw, names: names)
    }

    /// `socket` type: the type name, then `SOCK_NONBLOCK`/`SOCK_CLOEXEC`.
    public static func socketType(_ raw: UInt64) -> FlagSet {
        var names = enumeration(raw & 0xF, socketTypes)?.names ?? []
        names += flags(raw, socketFlags).names
        return FlagSet(raw: raw, names: names)
    }

    /// `mount` flags, without the historical `MS_MGC_VAL` magic in the upper 16 bits.
    public static func mountFlags(_ raw: UInt64) -> FlagSet {
        let value = raw & 0xFFFF_0000 == 0xC0ED_0000 ? raw & 0xFFFF : raw
        return FlagSet(raw: raw, names: flags(value, mountFlags).names)
    }
}
