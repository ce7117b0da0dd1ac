/// Folds repeated alerts (same rule, process and container) within a time window into one.
///
/// The first alert of a key opens a window of `window` nanoseconds and is sent; later alerts in the
/// window are suppressed and counted. ``closeWindows(before:)`` reports the windows that ended with
/// duplicates, so the caller can send one summary with the count. Time is passed in (event time), so
/// the behaviour is deterministic on replay; an alert slightly older than its window's start (events
/// out of order) still counts as a duplicate.
///
/// Cost: ``admit(_:at:)`` is O(1); ``closeWindows(before:)`` is O(1) when no window is due (a queue of
/// deadlines in opening order is kept), so it can be called for every event. At most `maximumKeys`
/// windows are kept; when full, the oldest window is closed early (and reported by the next
/// ``closeWindows(before:)``).
public struct AlertDeduplicator: Sendable {
    /// The window length in nanoseconds.
    public let window: UInt64
    /// The bound on open windows.
    public let maximumKeys: Int

    private struct OpenWindow: Sendable {
        var first: UInt64
        var last: UInt64
        var count: Int
    }

    private struct Deadline: Sendable {
        var time: UInt64
        var key: DeduplicationKey
        var first: UInt64
    }

    private var open: [DeduplicationKey: OpenWindow] = [:]
    /// Windows closed before their deadline (evicted or reopened), reported by the next close.
    private var pending: [DeduplicationSummary] = []
    /// Deadlines in opening order; entries whose window was closed or reopened are stale and skipped.
    private var deadlines: [Deadline] = []
    private var head = 0

    /// Creates a deduplicator; `window` 0 disables folding (every alert is sent).
    public init(window: UInt64, maximumKeys: Int = 65_536) {
        self.window = window
        self.maximumKeys = max(1, maximumKeys)
    }

    /// Decides whether the alert for `key` at `time` is sent or folded.
    public mutating func admit(_ key: DeduplicationKey, at time: UInt64) -> DeduplicationDecision {
        guard window > 0 else { return .emit(previousCount: 0) }
        if var current = open[key] {
            if time < current.first || time - current.first < window {
                current.count += 1
                current.last = max(current.last, time)
                open[key] = current
                return .suppress(count: current.count)
            }
            // The window expired but was not closed yet: close it now and open a new one.
            if current.count > 1 { pending.append(summary(key, current)) }
            openWindow(key, at: time)
            return .emit(previousCount: current.count)
        }
        if open.count >= maximumKeys { evictOldest() }
        openWindow(key, at: time)
        return .emit(previousCount: 0)
    }

    /// Closes the windows that ended at or before `time` and returns those that held duplicates, oldest
    /// first.
    public mutating func closeWindows(before time: UInt64) -> [DeduplicationSummary] {
        var closed = pending
        pending = []
        while head < deadlines.count, deadlines[head].time <= time {
            let due = deadlines[head]
            head += 1
            if let current = open[due.key], current.first == due.first {
                open[due.key] = nil
                if current.count > 1 { closed.append(summary(due.key, current)) }
            }
        }
        compact()
        return closed.sorted(by: Self.ordered)
    }

    /// True when ``closeWindows(before:)`` has anything to do at `time`: a summary is waiting, a window is due, or
    /// the deadline queue needs compacting. Checked first on every event, so that the common case costs two
    /// comparisons.
    public func hasWork(before time: UInt64) -> Bool {
        !pending.isEmpty || (head < deadlines.count && deadlines[head].time <= time)
            || deadlines.count - head > 4 * max(open.count, 1024)
    }

    /// Closes every window (at the end of a stream) and returns those that held duplicates, oldest first.
    public mutating func closeAll() -> [DeduplicationSummary] {
        var closed = pending
        pending = []
        for (key, current) in open where current.count > 1 { closed.append(summary(key, current)) }
        open = [:]
        deadlines = []
        head = 0
        return closed.sorted(by: Self.ordered)
    }

    /// The number of open windows.
    public var openWindows: Int { open.count }

    /// When the open window of `key` started (the time of the alert that was sent), or nil.
    public func windowStart(of key: DeduplicationKey) -> UInt64? { open[key]?.first }

    private mutating func openWindow(_ key: DeduplicationKey, at time: UInt64) {
        open[key] = OpenWindow(first: time, last: time, count: 1)
        deadlines.append(Deadline(time: time.addingReportingOverflow(window).partialValue, key: key, first: time))
    }

    private func summary(_ key: DeduplicationKey, _ window: OpenWindow) -> DeduplicationSummary {
        DeduplicationSummary(key: key, firstTime: window.first, lastTime: window.last, count: window.count)
    }

    private static func ordered(_ a: DeduplicationSummary, _ b: DeduplicationSummary) -> Bool {
        (a.firstTime, a.key.rule, a.key.pid, a.key.containerID) < (
            b.firstTime, b.key.rule, b.key.pid, b.key.containerID
        )
    }

    /// Drops consumed and stale deadline entries once they dominate the queue.
    private mutating func compact() {
        if head > 1024, head * 2 > deadlines.count {
            deadlines.removeFirst(head)
            head = 0
        }
        if deadlines.count - head > 4 * max(open.count, 1024) {
            deadlines = deadlines[head...].filter { open[$0.key]?.first == $0.first }
            head = 0
        }
    }

    private mutating func evictOldest() {
        // The queue holds windows in opening order: the first live entry is the oldest window.
        var oldest: DeduplicationKey?
        while head < deadlines.count {
            let entry = deadlines[head]
            if open[entry.key]?.first == entry.first {
                oldest = entry.key
                break
            }
            head += 1
        }
        guard let key = oldest ?? open.min(by: { $0.value.first < $1.value.first })?.key,
            let current = open.removeValue(forKey: key)
        else { return }
        if current.count > 1 { pending.append(summary(key, current)) }
    }
}
