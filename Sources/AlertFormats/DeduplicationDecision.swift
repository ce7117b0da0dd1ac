/// What ``AlertDeduplicator`` says about one alert.
public enum DeduplicationDecision: Sendable, Hashable {
    /// Send it: it opens a new window. `previousCount` is the number of alerts the key's previous
    /// window held (1 when it had no duplicates, 0 when there was none).
    case emit(previousCount: Int)
    /// Do not send it: it falls in an open window, which now holds `count` alerts.
    case suppress(count: Int)
}
