/// One record from the kernel sensor's ring buffer, decoded field by field but not yet interpreted.
public struct SensorRecord: Sendable, Hashable {
    /// What produced the record.
    public var kind: SensorRecordKind
    /// The system call number (x86_64 numbering) for ``SensorRecordKind/syscall``, else 0.
    public var syscallNumber: UInt32
    /// `bpf_ktime_get_boot_ns()` when the record was written.
    public var bootTimeNanoseconds: UInt64
    /// Thread group id.
    public var pid: UInt32
    /// Thread id.
    public var tid: UInt32
    /// The parent's thread group id.
    public var ppid: UInt32
    /// Real user id.
    public var uid: UInt32
    /// Real group id.
    public var gid: UInt32
    /// Effective user id.
    public var euid: UInt32
    /// Effective group id.
    public var egid: UInt32
    /// Fork: the child's thread id; exec: the old thread id.
    public var childTID: UInt32
    /// Fork: the child's thread group id.
    public var childPID: UInt32
    /// The return value of the call, or the exit code.
    public var result: Int64
    /// The call's raw arguments; on a process exit, argument 0 is `group_dead`.
    public var arguments: SensorSyscallArguments
    /// Kernfs id of the task's cgroup.
    public var cgroupID: UInt64
    /// Leaf name of the task's cgroup (the container id under Docker with cgroupfs).
    public var cgroupName: String
    /// The kernel's command name.
    public var comm: String
    /// The first path argument (exec filename, opened path, AF_UNIX socket path, memfd or module name), empty
    /// when none.
    public var path: String
    /// The second path argument (rename/link target, symlink link path, mount point), empty when none.
    public var secondPath: String
    /// A short string argument: the file system type of `mount`.
    public var aux: String
    /// `sa_family` of the socket address (1 = AF_UNIX, 2 = IPv4, 10 = IPv6), 0 when none.
    public var addressFamily: UInt16
    /// The socket's type (`SOCK_STREAM` = 1, `SOCK_DGRAM` = 2), 0 when unknown.
    public var socketType: UInt16
    /// Local port, host order (bind: the bound port; connect: the client port; accept: the server port).
    public var localPort: UInt16
    /// Remote port, host order (connect: the server port; accept: the client port).
    public var remotePort: UInt16
    /// Local address: 4 bytes for IPv4, 16 for IPv6, empty otherwise.
    public var localAddress: [UInt8]
    /// Remote address: 4 bytes for IPv4, 16 for IPv6, empty otherwise.
    public var remoteAddress: [UInt8]
    /// Credentials, terminal, argv… of the new program, for records of a completed exec.
    public var exec: SensorExecInfo?

    /// Creates a record; every field defaults to zero or empty.
    public init(
        kind: SensorRecordKind,
        syscallNumber: UInt32 = 0,
        bootTimeNanoseconds: UInt64 = 0,
        pid: UInt32 = 0,
        tid: UInt32 = 0,
        ppid: UInt32 = 0,
        uid: UInt32 = 0,
        gid: UInt32 = 0,
        euid: UInt32 = 0,
        egid: UInt32 = 0,
        childTID: UInt32 = 0,
        childPID: UInt32 = 0,
        result: Int64 = 0,
        arguments: SensorSyscallArguments = SensorSyscallArguments(),
        cgroupID: UInt64 = 0,
        cgroupName: String = "",
        comm: String = "",
        path: String = "",
        secondPath: String = "",
        aux: String = "",
        addressFamily: UInt16 = 0,
        socketType: UInt16 = 0,
        localPort: UInt16 = 0,
        remotePort: UInt16 = 0,
        localAddress: [UInt8] = [],
        remoteAddress: [UInt8] = [],
        exec: SensorExecInfo? = nil
    ) {
        self.kind = kind
        self.syscallNumber = syscallNumber
        self.bootTimeNanoseconds = bootTimeNanoseconds
        self.pid = pid
        self.tid = tid
        self.ppid = ppid
        self.uid = uid
        self.gid = gid
        self.euid = euid
        self.egid = egid
        self.childTID = childTID
        self.childPID = childPID
        self.result = result
        self.arguments = arguments
        self.cgroupID = cgroupID
        self.cgroupName = cgroupName
        self.comm = comm
        self.path = path
        self.secondPath = secondPath
        self.aux = aux
        self.addressFamily = addressFamily
        self.socketType = socketType
        self.localPort = localPort
        self.remotePort = remotePort
        self.localAddress = localAddress
        self.remoteAddress = remoteAddress
        self.exec = exec
    }
}
