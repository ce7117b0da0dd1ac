/// What makes two alerts duplicates: the same rule, process and container.
public struct DeduplicationKey: Sendable, Hashable {
    /// The rule's name.
    public var rule: String
    /// The process id (`proc.pid`).
    public var pid: Int64
    /// The container id (`host` for host processes).
    public var containerID: String

    /// Creates a key.
    public init(rule: String, pid: Int64, containerID: String) {
        self.rule = rule
        self.pid = pid
        self.containerID = containerID
    }
}
