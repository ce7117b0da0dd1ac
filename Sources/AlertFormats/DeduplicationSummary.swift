/// A closed de-duplication window that held duplicates.
public struct DeduplicationSummary: Sendable, Hashable {
    /// The rule, process and container.
    public var key: DeduplicationKey
    /// Time of the first alert (the one sent), nanoseconds.
    public var firstTime: UInt64
    /// Time of the last duplicate, nanoseconds.
    public var lastTime: UInt64
    /// How many alerts the window held, the sent one included.
    public var count: Int

    /// Creates a summary.
    public init(key: DeduplicationKey, firstTime: UInt64, lastTime: UInt64, count: Int) {
        self.key = key
        self.firstTime = firstTime
        self.lastTime = lastTime
        self.count = count
    }
}
