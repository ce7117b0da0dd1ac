import Foundation
import RuntimeInventory

/// Collects the container events a directory's watcher applied, and lets a test wait for one (condition
/// variable with a deadline, no sleeping).
final class EventInbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var events: [DockerContainerEvent] = []

    func record(_ event: DockerContainerEvent) {
        condition.lock()
        events.append(event)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until an event satisfying `predicate` has been recorded, at most `timeout` seconds.
    func wait(timeout: TimeInterval, for predicate: (DockerContainerEvent) -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !events.contains(where: predicate) {
            if !condition.wait(until: deadline) { return events.contains(where: predicate) }
        }
        return true
    }
}
