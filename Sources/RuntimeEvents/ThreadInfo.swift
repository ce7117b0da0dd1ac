/// The thread an event happened in, with its process: ids, program, command line, terminal, session,
/// credentials and capabilities.
///
/// After `execve` it describes the **new** program, as Falco does.
public struct ThreadInfo: Sendable, Hashable {
    /// The text fields, in one shared immutable box (replaced, never written, on a change): copying a thread (every
    /// event and process record holds one) retains one object instead of nine strings and arrays, and an event whose
    /// thread was decoded from the same bytes as the record's shares the box, so updating the record from it
    /// compares one pointer.
    @usableFromInline var texts: SharedBox<TextFields>

    /// Process id (thread group id) as seen from the host (`proc.pid`).
    public var pid: Int64
    /// Thread id (`thread.tid`).
    public var tid: Int64
    /// Parent process id (`proc.ppid`).
    public var ppid: Int64
    /// Process id inside its pid namespace (`proc.vpid`), when known.
    public var vpid: Int64?
    /// The kernel's command name, at most 15 bytes (`proc.name`).
    @inlinable
    public var comm: String {
        _read { yield texts.value.comm }
        set { setText(\.comm, newValue) }
    }
    /// `argv[0]` (`proc.exe`).
    @inlinable
    public var exe: String {
        _read { yield texts.value.exe }
        set { setText(\.exe, newValue) }
    }
    /// The full path of the executable (`proc.exepath`).
    @inlinable
    public var exePath: String {
        _read { yield texts.value.exePath }
        set { setText(\.exePath, newValue) }
    }
    /// Arguments after `argv[0]` (`proc.args`).
    @inlinable
    public var args: [String] {
        _read { yield texts.value.args }
        set { setText(\.args, newValue) }
    }
    /// Environment, `NAME=value` (`proc.env`); often left empty by the sensor.
    @inlinable
    public var env: [String] {
        _read { yield texts.value.env }
        set { setText(\.env, newValue) }
    }
    /// Working directory (`proc.cwd`).
    @inlinable
    public var cwd: String {
        _read { yield texts.value.cwd }
        set { setText(\.cwd, newValue) }
    }
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
    @inlinable
    public var userName: String? {
        _read { yield texts.value.userName }
        set { setText(\.userName, newValue) }
    }
    /// Name of `gid` (`group.name`).
    @inlinable
    public var groupName: String? {
        _read { yield texts.value.groupName }
        set { setText(\.groupName, newValue) }
    }
    /// Name of `loginUID` (`user.loginname`).
    @inlinable
    public var loginName: String? {
        _read { yield texts.value.loginName }
        set { setText(\.loginName, newValue) }
    }
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
        texts = SharedBox(
            TextFields(
                comm: comm,
                exe: exe,
                exePath: exePath,
                args: args,
                env: env,
                cwd: cwd,
                userName: userName,
                groupName: groupName,
                loginName: loginName
            )
        )
        self.tid = tid ?? pid
        self.ppid = ppid
        self.vpid = vpid
        self.tty = tty
        self.sid = sid
        self.uid = uid
        self.gid = gid
        self.euid = euid ?? uid
        self.loginUID = loginUID
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
    /// Makes `self` equal to `other`, field by field: consecutive events of one process usually share their text
    /// box (the recording decoder makes one per distinct thread), so the process table's per-event update then
    /// compares one pointer and retains nothing, where assigning the whole thread retained a dozen fields.
    mutating func update(from other: ThreadInfo) {
        pid = other.pid
        tid = other.tid
        ppid = other.ppid
        vpid = other.vpid
        // One pointer comparison when both were decoded from the same bytes; otherwise the other's box is shared.
        if texts !== other.texts { texts = other.texts }
        tty = other.tty
        sid = other.sid
        uid = other.uid
        gid = other.gid
        euid = other.euid
        loginUID = other.loginUID
        capabilities = other.capabilities
        vpgid = other.vpgid
        startTime = other.startTime
        isExeFromMemfd = other.isExeFromMemfd
        isExeUpperLayer = other.isExeUpperLayer
        exeInodeChangeTime = other.exeInodeChangeTime
        exeInodeModificationTime = other.exeInodeModificationTime
        exeInode = other.exeInode
    }

    /// Sets the program's name, `argv[0]`, path and arguments together (what an exec changes): one new text box
    /// instead of one per field, and none when nothing differs.
    public mutating func setProgram(comm: String, exe: String, exePath: String, args: [String]) {
        let fields = texts.value
        guard fields.comm != comm || fields.exe != exe || fields.exePath != exePath || fields.args != args else {
            return
        }
        changeTexts { texts in
            texts.comm = comm
            texts.exe = exe
            texts.exePath = exePath
            texts.args = args
        }
    }

    /// All text fields at once, for builders that set several (one new box instead of one per field).
    var textFields: TextFields {
        get { texts.value }
        set { texts = SharedBox(newValue) }
    }

    /// Sets one text field: a new box when the value differs, nothing otherwise.
    @inlinable
    mutating func setText<Value: Equatable>(_ field: WritableKeyPath<TextFields, Value>, _ value: Value) {
        guard texts.value[keyPath: field] != value else { return }
        changeTexts { $0[keyPath: field] = value }
    }

    /// Replaces the text box by a changed copy (boxes are never written: they may be shared).
    @usableFromInline
    mutating func changeTexts(_ change: (inout TextFields) -> Void) {
        var fields = texts.value
        change(&fields)
        texts = SharedBox(fields)
    }

    /// The text fields of a thread, kept together in one ``SharedBox``.
    @usableFromInline
    struct TextFields: Hashable, Sendable {
        @usableFromInline var comm: String
        @usableFromInline var exe: String
        @usableFromInline var exePath: String
        @usableFromInline var args: [String]
        @usableFromInline var env: [String]
        @usableFromInline var cwd: String
        @usableFromInline var userName: String?
        @usableFromInline var groupName: String?
        @usableFromInline var loginName: String?

        @usableFromInline
        init(
            comm: String,
            exe: String,
            exePath: String,
            args: [String],
            env: [String],
            cwd: String,
            userName: String?,
            groupName: String?,
            loginName: String?
        ) {
            self.comm = comm
            self.exe = exe
            self.exePath = exePath
            self.args = args
            self.env = env
            self.cwd = cwd
            self.userName = userName
            self.groupName = groupName
            self.loginName = loginName
        }
    }
}
