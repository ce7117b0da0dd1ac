/// What the process table knows about one process: its thread information (main thread), its container
/// and its open file descriptors.
public struct ProcessRecord: Sendable, Hashable {
    /// The process, as last described by an event or a snapshot.
    public var thread: ThreadInfo
    /// The container id (`host` for host processes).
    public var containerID: String
    /// Open file descriptors by number.
    public var fileDescriptors: [Int64: FileDescriptorInfo]
    /// Descriptors opened with `O_CLOEXEC`, closed by a successful exec.
    public var closeOnExec: Set<Int64>
    /// True after `prctl(PR_SET_CHILD_SUBREAPER, 1)`: orphaned descendants are reparented here.
    public var isChildSubreaper: Bool

    /// Creates a record (for ``ProcessTable/seed(_:)``).
    public init(
        thread: ThreadInfo,
        containerID: String = ContainerInfo.hostID,
        fileDescriptors: [Int64: FileDescriptorInfo] = [:],
        closeOnExec: Set<Int64> = [],
        isChildSubreaper: Bool = false
    ) {
        self.thread = thread
        self.containerID = containerID
        self.fileDescriptors = fileDescriptors
        self.closeOnExec = closeOnExec
        self.isChildSubreaper = isChildSubreaper
    }

    /// `proc.pid`.
    public var pid: Int64 { thread.pid }
}
