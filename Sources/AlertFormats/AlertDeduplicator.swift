/// Folds repeated alerts (same rule, process and container) within a time window into one.
///
/// The first alert of a key opens a window of `window` nanoseconds and is sent; later alerts in the
/// window are suppressed and counted. ``closeWindows(before:)`` reports the windows that ended with
/// duplicates, so the caller can send one summary with the count. Time is passed in (event time), so
/// the behaviour is deterministic on replay. At most `maximumKeys` windows are kept; when full, the
/// oldest window is closed early (and reported by the next ``closeWindows(before:)``).
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

    private var open: [DeduplicationKey: OpenWindow] = [:]
    private var evicted: [DeduplicationSummary] = []

    /// Creates a deduplicator; `window` 0 disables folding (every alert is sent).
    public init(window: UInt64, maximumKeys: Int = 65_536) {
        self.window = window
        self.maximumKeys = max(1, maximumKeys)
    }

    /// Decides whether the alert for `key` at `time` is sent or folded.
    public mutating func admit(_ key: DeduplicationKey, at time: UInt64) -> DeduplicationDecision {
        guard window > 0 else { return .emit(previousCount: 0) }
        if var current = open[key] {
            if time >= current.first, time - current.first < window {
                current.count += 1
                current.last = max(current.last, time)
                open[key] = current
                return .suppress(count: current.count)
            }
            open[key] = OpenWindow(first: time, last: time, count: 1)
            return .emit(previousCount: current.count)
        }
        if open.count >= maximumKeys { evictOldest() }
        open[key] = OpenWindow(first: time, last: time, count: 1)
        return .emit(previousCount: 0)
    }

    /// Closes the windows that ended before `time` and returns those that held duplicates, oldest
    /// first.
    public mutating func closeWindows(before time: UInt64) -> [DeduplicationSummary] {
        var closed = evicted
        evicted = []
        for (key, current) in open where current.first.addingReportingOverflow(window).partialValue <= time {
            open[key] = nil
            if current.count > 1 {
                closed.append(
                    DeduplicationSummary(
                        key: key,
                        firstTime: current.first,
                        lastTime: current.last,
                        count: current.count
                    )
                )
            }
        }
        return closed.sorted { ($0.firstTime, $0.key.rule, $0.key.pid) < ($1.firstTime, $1.key.rule, $1.key.pid) }
    }

    /// The number of open windows.
    public var openWindows: Int { open.count }

    private mutating func evictOldest() {
        guard let oldest = open.min(by: { $0.value.first < $1.value.first }) else { return }
        open[oldest.key] = nil
        if oldest.value.count > 1 {
            evicted.append(
                DeduplicationSummary(
                    key: oldest.key,
                    firstTime: oldest.value.first,
                    lastTime: oldest.value.last,
                    count: oldest.value.count
                )
            )
        }
    }
}
