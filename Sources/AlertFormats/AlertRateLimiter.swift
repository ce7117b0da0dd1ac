/// Per-rule rate limiting with a token bucket: each rule may send `burst` alerts at once and
/// `perSecond` alerts per second on average. Time is passed in (nanoseconds), so it is deterministic.
public struct AlertRateLimiter: Sendable {
    /// The sustained rate, alerts per second.
    public let perSecond: Double
    /// The bucket size.
    public let burst: Int

    private struct Bucket: Sendable {
        var tokens: Double
        var updated: UInt64
        var dropped: Int
    }

    private var buckets: [String: Bucket] = [:]

    /// Creates a limiter; `burst` is at least 1.
    public init(perSecond: Double, burst: Int) {
        self.perSecond = perSecond.isFinite ? max(0, perSecond) : 0
        self.burst = max(1, burst)
    }

    /// True when `rule` may send an alert at `time` (and takes a token), false when it is limited.
    public mutating func allow(rule: String, at time: UInt64) -> Bool {
        var bucket = buckets[rule] ?? Bucket(tokens: Double(burst), updated: time, dropped: 0)
        if time > bucket.updated {
            let elapsed = Double(time - bucket.updated) / 1_000_000_000
            bucket.tokens = min(Double(burst), bucket.tokens + elapsed * perSecond)
            bucket.updated = time
        }
        let allowed = bucket.tokens >= 1
        if allowed { bucket.tokens -= 1 } else { bucket.dropped += 1 }
        buckets[rule] = bucket
        return allowed
    }

    /// How many alerts of `rule` were limited so far.
    public func dropped(rule: String) -> Int { buckets[rule]?.dropped ?? 0 }
}
