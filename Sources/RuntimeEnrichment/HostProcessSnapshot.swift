public import RuntimeEvents

/// The processes found by one scan of `/proc`, with what could not be read.
public struct HostProcessSnapshot: Sendable {
    /// One record per readable process (kernel threads included), by increasing pid, ready for
    /// `ProcessTable.seed(_:)`.
    public var processes: [ProcessRecord]
    /// The containers the processes run in, by 12-character id, as their cgroups name them (id and full id
    /// only; the container directory fills in the rest). The host is not listed.
    public var containers: [String: ContainerInfo]
    /// Processes that disappeared between listing and reading.
    public var vanished: Int
    /// Processes whose `stat` or `status` could not be read or understood.
    public var unreadable: Int
    /// The first problems met (file and reason), at most ``maximumProblems``.
    public var problems: [String]

    /// Problems kept in ``problems``.
    public static let maximumProblems = 20

    /// Creates a snapshot.
    public init(
        processes: [ProcessRecord] = [],
        containers: [String: ContainerInfo] = [:],
        vanished: Int = 0,
        unreadable: Int = 0,
        problems: [String] = []
    ) {
        self.processes = processes
        self.containers = containers
        self.vanished = vanished
        self.unreadable = unreadable
        self.problems = problems
    }

    /// Processes skipped: ``vanished`` plus ``unreadable``.
    public var skipped: Int { vanished + unreadable }
}
