/// Counters of a ``ContainerDirectory``, for diagnostics and tests.
public struct ContainerDirectoryStatistics: Sendable, Hashable {
    /// Lookups answered from the cache (full information).
    public var hits = 0
    /// Lookups answered from the negative cache (a recent failure; the partial information is returned).
    public var negativeHits = 0
    /// Lookups that asked the engine (cache misses).
    public var fetches = 0
    /// Fetches that failed (no daemon, timeout, unknown container, bad answer).
    public var fetchFailures = 0
    /// Container events applied by the watcher.
    public var eventsApplied = 0
    /// Times the watcher got the event stream back after losing it (daemon restart, connection refused).
    public var reconnects = 0
    /// Event-stream requests that failed.
    public var streamFailures = 0
    /// Containers currently cached with full information.
    public var cachedContainers = 0

    /// All zero.
    public init() {}
}
