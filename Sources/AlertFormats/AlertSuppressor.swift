/// The alert path between rule matches and channels: de-duplication, then per-rule rate limiting.
///
/// - De-duplication (``AlertDeduplicator``): the first alert of a rule + process + container opens a
///   window and goes on; the others in the window are folded. When the window closes, one summary alert
///   (the first alert with ``Alert/repetition`` set, at the time of the last duplicate) is released.
/// - Rate limiting (``AlertRateLimiter``): each rule has a token bucket; an alert that finds it empty is
///   dropped and counted. Summaries are not rate limited (there is at most one per window). A window
///   whose first alert was rate limited still releases its summary.
///
/// Time is the events' time, passed in, so replay is deterministic: call ``advance(to:)`` before the
/// alerts of each event, and ``finish()`` at the end of the stream.
public struct AlertSuppressor: Sendable {
    /// Counts of what was held back.
    public struct Counts: Sendable, Hashable {
        /// Alerts folded into a de-duplication window.
        public var deduplicated = 0
        /// Alerts dropped by the rate limiter.
        public var rateLimited = 0
        /// Summary alerts released for windows that folded duplicates.
        public var summaries = 0

        /// Creates zero counts.
        public init() {}
    }

    private struct WindowID: Hashable, Sendable {
        var key: DeduplicationKey
        var first: UInt64
    }

    private var deduplicator: AlertDeduplicator
    private var limiter: AlertRateLimiter?
    /// The first alert of each window, to build its summary.
    private var firsts: [WindowID: Alert] = [:]
    /// What was held back so far.
    public private(set) var counts = Counts()
    /// Alerts dropped by the rate limiter, per rule.
    public private(set) var rateLimitedPerRule: [String: Int] = [:]
    /// Alerts folded by de-duplication, per rule.
    public private(set) var deduplicatedPerRule: [String: Int] = [:]

    /// Creates a suppressor: `window` in nanoseconds (0: no de-duplication), `rateLimit` nil for none;
    /// at most `maximumKeys` windows are open at once.
    public init(window: UInt64, rateLimit: AlertRateLimit?, maximumKeys: Int = 16_384) {
        deduplicator = AlertDeduplicator(window: window, maximumKeys: maximumKeys)
        limiter = rateLimit.map { AlertRateLimiter(perSecond: $0.perSecond, burst: $0.burst) }
    }

    /// The de-duplication window, nanoseconds (0: off).
    public var window: UInt64 { deduplicator.window }

    /// Closes the windows that ended at or before `time`; returns their summaries, oldest first.
    public mutating func advance(to time: UInt64) -> [Alert] {
        guard deduplicator.window > 0, deduplicator.hasWork(before: time) else { return [] }
        return summaries(deduplicator.closeWindows(before: time))
    }

    /// Decides about `alert` (its `time` is the event's): returns it when it is to be sent, nil when it
    /// was folded or rate limited.
    public mutating func admit(_ alert: Alert, key: DeduplicationKey) -> Alert? {
        if deduplicator.window > 0 {
            switch deduplicator.admit(key, at: alert.time) {
            case .suppress:
                counts.deduplicated += 1
                deduplicatedPerRule[alert.rule, default: 0] += 1
                return nil
            case .emit:
                firsts[WindowID(key: key, first: alert.time)] = alert
            }
        }
        if limiter != nil, limiter?.allow(rule: alert.rule, at: alert.time) == false {
            counts.rateLimited += 1
            rateLimitedPerRule[alert.rule, default: 0] += 1
            return nil
        }
        return alert
    }

    /// Closes every window at the end of the stream; returns the summaries, oldest first.
    public mutating func finish() -> [Alert] {
        guard deduplicator.window > 0 else { return [] }
        let result = summaries(deduplicator.closeAll())
        firsts = [:]
        return result
    }

    private mutating func summaries(_ closed: [DeduplicationSummary]) -> [Alert] {
        var result: [Alert] = []
        for summary in closed {
            guard var alert = firsts.removeValue(forKey: WindowID(key: summary.key, first: summary.firstTime))
            else { continue }
            alert.time = summary.lastTime
            alert.repetition = AlertRepetition(
                count: summary.count,
                firstTime: summary.firstTime,
                lastTime: summary.lastTime
            )
            result.append(alert)
        }
        counts.summaries += result.count
        // Windows that closed without duplicates leave their first alert behind: drop those now and then
        // (every window still reported is open, as the deduplicator has just handed over the closed ones).
        if firsts.count > 2 * deduplicator.openWindows + 1_024 {
            firsts = firsts.filter { deduplicator.windowStart(of: $0.key.key) == $0.key.first }
        }
        return result
    }
}
