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
    /// Fork: the child's thread id; exec: the old thread id.
    public var childTID: UInt32
    /// Fork: the child's thread group id.
    public var childPID: UInt32
    /// The return value of the call, or the exit code.
    public var result: Int64
    /// `openat` flags, `execveat` flags, the fd of `connect`, or `group_dead` on exit.
    public var flags: UInt64
    /// `openat` mode.
    public var mode: UInt32
    /// Kernfs id of the task's cgroup.
    public var cgroupID: UInt64
    /// Leaf name of the task's cgroup (the container id under Docker with cgroupfs).
    public var cgroupName: String
    /// The kernel's command name.
    public var comm: String
    /// The path argument (exec filename, opened path), empty when none.
    public var path: String
    /// `sa_family` of a `connect` address (2 = IPv4, 10 = IPv6), 0 when none.
    public var addressFamily: UInt16
    /// Port of a `connect` address, host order.
    public var port: UInt16
    /// Address bytes of a `connect` address: 4 for IPv4, 16 for IPv6, empty otherwise.
    public var address: [UInt8]

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
        childTID: UInt32 = 0,
        childPID: UInt32 = 0,
        result: Int64 = 0,
        flags: UInt64 = 0,
        mode: UInt32 = 0,
        cgroupID: UInt64 = 0,
        cgroupName: String = "",
        comm: String = "",
        path: String = "",
        addressFamily: UInt16 = 0,
        port: UInt16 = 0,
        address: [UInt8] = []
    ) {
        self.kind = kind
        self.syscallNumber = syscallNumber
        self.bootTimeNanoseconds = bootTimeNanoseconds
        self.pid = pid
        self.tid = tid
        self.ppid = ppid
        self.uid = uid
        self.gid = gid
        self.childTID = childTID
        self.childPID = childPID
        self.result = result
        self.flags = flags
        self.mode = mode
        self.cgroupID = cgroupID
        self.cgroupName = cgroupName
        self.comm = comm
        self.path = path
        self.addressFamily = addressFamily
        self.port = port
        self.address = address
    }
}
