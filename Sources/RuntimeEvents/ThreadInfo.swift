/// The thread an event happened in, with its process: ids, program, command line, terminal, session,
/// credentials and capabilities.
///
/// After `execve` it describes the **new** program, as Falco does.
public struct ThreadInfo: Sendable, Hashable {
    /// Process id (thread group id) as seen from the host (`proc.pid`).
    public var pid: Int64
    /// Thread id (`thread.tid`).
    public var tid: Int64
    /// Parent process id (`proc.ppid`).
    public var ppid: Int64
    /// Process id inside its pid namespace (`proc.vpid`), when known.
    public var vpid: Int64?
    /// The kernel's command name, at most 15 bytes (`proc.name`).
    public var comm: String
    /// `argv[0]` (`proc.exe`).
    public var exe: String
    /// The full path of the executable (`proc.exepath`).
    public var exePath: String
    /// Arguments after `argv[0]` (`proc.args`).
    public var args: [String]
    /// Environment, `NAME=value` (`proc.env`); often left empty by the sensor.
    public var env: [String]
    /// Working directory (`proc.cwd`).
    public var cwd: String
    /// Controlling terminal number, 0 when none (`proc.tty`).
    public var tty: Int64
    /// Session id (`proc.sid`).
    public var sid: Int64
    /// Real user id (`user.uid`).
    public var uid: Int64
    /// Real group id (`group.gid`).
    public var gid: Int64
    /// Effective user id.
    public var euid: Int64
    /// Audit login uid, -1 when unset (`user.loginuid`).
    public var loginUID: Int64
    /// Name of `uid` (`user.name`).
    public var userName: String?
    /// Name of `gid` (`group.name`).
    public var groupName: String?
    /// Name of `loginUID` (`user.loginname`).
    public var loginName: String?
    /// Capability sets (`thread.cap_*`).
    public var capabilities: Capabilities
    /// Process group id inside its pid namespace (`proc.vpgid`), when known.
    public var vpgid: Int64?
    /// When the process started, nanoseconds since the epoch (for `proc.duration`), when known.
    public var startTime: UInt64?
    /// The executable is a memfd (`proc.is_exe_from_memfd`).
    public var isExeFromMemfd: Bool
    /// The executable lives in a container's writable upper layer (`proc.is_exe_upper_layer`).
    public var isExeUpperLayer: Bool
    /// Status change time of the executable's inode, nanoseconds since the epoch (`proc.exe_ino.ctime`),
    /// when known.
    public var exeInodeChangeTime: UInt64?
    /// Modification time of the executable's inode, nanoseconds since the epoch (`proc.exe_ino.mtime`),
    /// when known.
    public var exeInodeModificationTime: UInt64?
    /// Inode number of the executable (`proc.exe_ino`), when known.
    public var exeInode: UInt64?

    /// Creates thread information; `tid` defaults to `pid`.
    public init(
        pid: Int64,
        tid: Int64? = nil,
        ppid: Int64 = 0,
        vpid: Int64? = nil,
        comm: String = "",
        exe: String = "",
        exePath: String = "",
        args: [String] = [],
        env: [String] = [],
        cwd: String = "",
        tty: Int64 = 0,
        sid: Int64 = 0,
        uid: Int64 = 0,
        gid: Int64 = 0,
        euid: Int64? = nil,
        loginUID: Int64 = -1,
        userName: String? = nil,
        groupName: String? = nil,
        loginName: String? = nil,
        capabilities: Capabilities = Capabilities(),
        vpgid: Int64? = nil,
        startTime: UInt64? = nil,
        isExeFromMemfd: Bool = false,
        isExeUpperLayer: Bool = false,
        exeInodeChangeTime: UInt64? = nil,
        exeInodeModificationTime: UInt64? = nil,
        exeInode: UInt64? = nil
    ) {
        self.pid = pid
        self.tid = tid ?? pid
        self.ppid = ppid
        self.vpid = vpid
        self.comm = comm
        self.exe = exe
        self.exePath = exePath
        self.args = args
        self.env = env
        self.cwd = cwd
        self.tty = tty
        self.sid = sid
        self.uid = uid
        self.gid = gid
        self.euid = euid ?? uid
        self.loginUID = loginUID
        self.userName = userName
        self.groupName = groupName
        self.loginName = loginName
        self.capabilities = capabilities
        self.vpgid = vpgid
        self.startTime = startTime
        self.isExeFromMemfd = isExeFromMemfd
        self.isExeUpperLayer = isExeUpperLayer
        self.exeInodeChangeTime = exeInodeChangeTime
        self.exeInodeModificationTime = exeInodeModificationTime
        self.exeInode = exeInode
    }

    /// `proc.cmdline`: the command name followed by the arguments.
    public var commandLine: String { ([comm] + args).joined(separator: " ") }

    /// True for the main thread of its process (`thread.ismain`).
    public var isMainThread: Bool { pid == tid }
}

extension ThreadInfo {
    /// Makes `self` equal to `other`, storing only the strings and arrays whose representation differs. Consecutive
    /// events of one process usually carry the very same strings (the recording decoder shares them), so the
    /// process table's per-event update then retains and releases nothing, where assigning the whole thread
    /// retained a dozen fields and released the old ones.
    mutating func update(from other: ThreadInfo) {
        pid = other.pid
        tid = other.tid
        ppid = other.ppid
        vpid = other.vpid
        if !Self.same(comm, other.comm) { comm = other.comm }
        if !Self.same(exe, other.exe) { exe = other.exe }
        if !Self.same(exePath, other.exePath) { exePath = other.exePath }
        if !Self.same(args, other.args) { args = other.args }
        if !Self.same(env, other.env) { env = other.env }
        if !Self.same(cwd, other.cwd) { cwd = other.cwd }
        tty = other.tty
        sid = other.sid
        uid = other.uid
        gid = other.gid
        euid = other.euid
        loginUID = other.loginUID
        if !Self.same(userName, other.userName) { userName = other.userName }
        if !Self.same(groupName, other.groupName) { groupName = other.groupName }
        if !Self.same(loginName, other.loginName) { loginName = other.loginName }
        capabilities = other.capabilities
        vpgid = other.vpgid
        startTime = other.startTime
        isExeFromMemfd = other.isExeFromMemfd
        isExeUpperLayer = other.isExeUpperLayer
        exeInodeChangeTime = other.exeInodeChangeTime
        exeInodeModificationTime = other.exeInodeModificationTime
        exeInode = other.exeInode
    }

    /// True when `a` and `b` have the same representation (the same bits: the same storage, or the same small
    /// string inline), which implies equal contents; false says nothing. Reads the bits without retaining.
    @inline(__always)
    static func same(_ a: String?, _ b: String?) -> Bool {
        unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self)
    }

    /// True when `a` and `b` share their storage (see the `String` form).
    @inline(__always)
    static func same(_ a: [String], _ b: [String]) -> Bool {
        unsafeBitCast(a, to: UInt.self) == unsafeBitCast(b, to: UInt.self)
    }
}
