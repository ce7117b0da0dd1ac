/// Delivery counts of one channel behind an ``AlertDispatcher``.
public struct ChannelStatistics: Sendable, Hashable {
    /// The channel's name.
    public var name: String
    /// Alerts delivered.
    public var sent: Int
    /// Alerts dropped because the queue was full (or the dispatcher closed before they were sent).
    public var dropped: Int
    /// Alerts the channel failed to deliver (after its own retries).
    public var failed: Int
    /// Alerts waiting in the queue now.
    public var queued: Int

    /// Creates statistics.
    public init(name: String, sent: Int = 0, dropped: Int = 0, failed: Int = 0, queued: Int = 0) {
        self.name = name
        self.sent = sent
        self.dropped = dropped
        self.failed = failed
        self.queued = queued
    }
}
