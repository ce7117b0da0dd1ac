public import Foundation

/// Fans alerts out to several channels without ever blocking the caller.
///
/// Each channel has its own bounded queue and thread: ``dispatch(_:)`` only appends to the queues.
/// When a channel's queue is full (a slow or dead receiver), the alert is dropped for that channel
/// and counted; ``statistics()`` reports per channel how many alerts were delivered, dropped at the
/// full queue, failed after the channel's retries, and are still queued or in flight (see
/// ``ChannelStatistics`` for the invariant they satisfy).
public final class AlertDispatcher: Sendable {
    private let workers: [ChannelWorker]

    /// Starts one worker thread per channel, each with a queue of `capacity` alerts.
    public init(channels: [any AlertChannel], capacity: Int = 10_000) {
        workers = channels.map { ChannelWorker(channel: $0, capacity: capacity) }
    }

    /// Queues `message` on every channel; returns how many channels accepted it. Never blocks on I/O.
    @discardableResult
    public func dispatch(_ message: AlertMessage) -> Int {
        var accepted = 0
        for worker in workers where worker.submit(message) { accepted += 1 }
        return accepted
    }

    /// Counts per channel, in the order the channels were given.
    public func statistics() -> [ChannelStatistics] { workers.map(\.snapshot) }

    /// The last delivery error of each channel that had one, by channel name.
    public func lastErrors() -> [String: AlertChannelError] {
        var errors: [String: AlertChannelError] = [:]
        for worker in workers { if let error = worker.error { errors[worker.channel.name] = error } }
        return errors
    }

    /// Waits up to `timeout` seconds for every queue to drain; true when all did.
    @discardableResult
    public func flush(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        return workers.map { $0.flush(until: deadline) }.allSatisfy { $0 }
    }

    /// Stops accepting alerts, sends what is queued for up to `timeout` seconds, discards (and counts)
    /// the rest, and closes the channels. True when every channel finished in time.
    @discardableResult
    public func close(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        return workers.map { $0.close(until: deadline) }.allSatisfy { $0 }
    }
}
