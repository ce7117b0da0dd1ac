internal import Foundation

/// One channel's bounded queue and the thread that drains it.
final class ChannelWorker: @unchecked Sendable {
    // Invariant: `queue`, `head`, `busy`, `closing`, `finished` and `statistics` are only touched with
    // `condition` locked. Only the worker thread calls `channel.send` and `channel.close`.

    let channel: any AlertChannel
    private let capacity: Int
    private let condition = NSCondition()
    private var queue: [AlertMessage] = []
    private var head = 0
    private var busy = false
    private var closing = false
    private var finished = false
    private var statistics: ChannelStatistics
    private var lastError: AlertChannelError?

    init(channel: any AlertChannel, capacity: Int) {
        self.channel = channel
        self.capacity = max(1, capacity)
        statistics = ChannelStatistics(name: channel.name)
        let thread = Thread { [self] in run() }
        thread.name = "alert-\(channel.name)"
        thread.start()
    }

    /// Queues `message` without blocking; false (and counted) when the queue is full or closing.
    @discardableResult
    func submit(_ message: AlertMessage) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        statistics.submitted += 1
        guard !closing, queue.count - head < capacity else {
            statistics.dropped += 1
            return false
        }
        queue.append(message)
        condition.signal()
        return true
    }

    var snapshot: ChannelStatistics {
        condition.lock()
        defer { condition.unlock() }
        var copy = statistics
        copy.queued = queue.count - head
        copy.inFlight = busy ? 1 : 0
        return copy
    }

    var error: AlertChannelError? {
        condition.lock()
        defer { condition.unlock() }
        return lastError
    }

    /// Waits until the queue is empty and nothing is being sent, or until `deadline`; true when drained.
    func flush(until deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count - head > 0 || busy {
            if !condition.wait(until: deadline) { return queue.count - head == 0 && !busy }
        }
        return true
    }

    /// Stops accepting, lets the thread send what is queued until `deadline`, then drops the rest.
    /// True when the thread ended (and closed the channel) in time.
    func close(until deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        closing = true
        condition.broadcast()
        while !finished {
            if !condition.wait(until: deadline) { break }
        }
        if !finished {
            // The thread is stuck in a send: drop what is still queued; it exits after the send.
            statistics.discarded += queue.count - head
            queue.removeAll()
            head = 0
        }
        return finished
    }

    private func run() {
        while true {
            condition.lock()
            while queue.count - head == 0, !closing { condition.wait() }
            if queue.count - head == 0 {
                condition.unlock()
                break
            }
            let message = queue[head]
            head += 1
            if head > 1024, head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            busy = true
            condition.unlock()

            var failure: AlertChannelError?
            do throws(AlertChannelError) {
                try channel.send(message)
            } catch {
                failure = error
            }

            condition.lock()
            busy = false
            if let failure {
                statistics.failed += 1
                lastError = failure
            } else {
                statistics.delivered += 1
            }
            condition.broadcast()
            condition.unlock()
        }
        channel.close()
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
