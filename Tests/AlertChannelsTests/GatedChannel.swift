import AlertChannels
import Foundation

/// Wraps a real channel so that a test can hold its worker inside `send` (before the real send runs):
/// with the worker held, how many alerts the dispatcher's queue takes and drops is exact.
final class GatedChannel: AlertChannel, @unchecked Sendable {
    // Invariant: `holding` is only touched with `lock` held; the semaphores are thread-safe.

    let inner: any AlertChannel
    var name: String { inner.name }
    private let lock = NSLock()
    private var holding = false
    private let entered = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)

    init(_ inner: any AlertChannel) { self.inner = inner }

    /// The next `send` stops until ``release()``.
    func hold() {
        lock.lock()
        holding = true
        lock.unlock()
    }

    /// Waits (at most `timeout` seconds) until a `send` is held; true when one is.
    func waitUntilHeld(timeout: Double = 30) -> Bool {
        entered.wait(timeout: .now() + timeout) == .success
    }

    /// Lets the held `send` (and all later ones) through.
    func release() {
        lock.lock()
        holding = false
        lock.unlock()
        released.signal()
    }

    func send(_ message: AlertMessage) throws(AlertChannelError) {
        lock.lock()
        let hold = holding
        holding = false
        lock.unlock()
        if hold {
            entered.signal()
            // Bounded, so that a broken test fails instead of hanging.
            _ = released.wait(timeout: .now() + 60)
        }
        try inner.send(message)
    }

    func close() { inner.close() }
}
