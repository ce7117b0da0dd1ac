/// Delivery counts of one channel behind an ``AlertDispatcher``.
///
/// Every alert offered to the channel is in exactly one state, so at every snapshot
/// `submitted == delivered + failed + dropped + discarded + queued + inFlight`.
/// With the channel stuck in a send, a burst of `n` alerts therefore leaves exactly
/// `max(0, n - (capacity - queued))` more `dropped`.
public struct ChannelStatistics: Sendable, Hashable {
    /// The channel's name.
    public var name: String
    /// Alerts offered to the channel (`dispatch` calls while it existed).
    public var submitted: Int
    /// Alerts the channel delivered (TCP/TLS syslog: written to the connection; webhook: answered 2xx).
    public var delivered: Int
    /// Alerts rejected at once because the queue was full (or the dispatcher was closing).
    public var dropped: Int
    /// Alerts that were queued but given up when ``AlertDispatcher/close(timeout:)`` ran out of time.
    public var discarded: Int
    /// Alerts the channel failed to deliver (after its own retries).
    public var failed: Int
    /// Alerts waiting in the queue now.
    public var queued: Int
    /// Alerts being sent now (0 or 1).
    public var inFlight: Int

    /// Creates statistics.
    public init(
        name: String,
        submitted: Int = 0,
        delivered: Int = 0,
        dropped: Int = 0,
        discarded: Int = 0,
        failed: Int = 0,
        queued: Int = 0,
        inFlight: Int = 0
    ) {
        self.name = name
        self.submitted = submitted
        self.delivered = delivered
        self.dropped = dropped
        self.discarded = discarded
        self.failed = failed
        self.queued = queued
        self.inFlight = inFlight
    }

    /// Same as ``delivered`` (its earlier name, kept for existing callers).
    public var sent: Int {
        get { delivered }
        set { delivered = newValue }
    }

    /// True when the counts add up: `submitted == delivered + failed + dropped + discarded + queued + inFlight`.
    public var isConsistent: Bool {
        submitted == delivered + failed + dropped + discarded + queued + inFlight
    }
}
