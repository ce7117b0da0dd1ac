internal import Foundation

/// Which failures are worth another attempt and how long to wait before it.
struct RetryPolicy: Sendable {
    var baseDelay: Duration
    var maxDelay: Duration
    var retryAfterCap: Duration

    /// True for 408, 429 and every 5xx.
    static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500...599).contains(status)
    }

    /// The wait before attempt `attempt + 1` after attempt `attempt` (from 1) failed: exponential
    /// backoff with equal jitter (half fixed, half random), never less than a capped `Retry-After`.
    func delay(afterAttempt attempt: Int, retryAfter: Duration?, randomUnit: Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let base = Self.seconds(baseDelay) * Double(1 << exponent)
        let capped = min(base, Self.seconds(maxDelay))
        let jittered = capped / 2 + capped / 2 * min(max(randomUnit, 0), 1)
        var wait = jittered
        if let retryAfter {
            wait = max(wait, min(Self.seconds(retryAfter), Self.seconds(retryAfterCap)))
        }
        return .milliseconds(Int64((wait * 1000).rounded(.up)))
    }

    /// Parses `Retry-After`: delta-seconds or an HTTP date.
    static func parseRetryAfter(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int64(value) { return seconds >= 0 ? .seconds(seconds) : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        let seconds = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64(seconds * 1000))
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
