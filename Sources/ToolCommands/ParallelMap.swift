import Dispatch
import Synchronization

/// Maps independent items on every core (bounded by the machine's core count), keeping input order.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (Int, T) -> R) -> [R] {
        guard items.count > 1 else { return items.enumerated().map { transform($0.offset, $0.element) } }
        let results = Mutex<[R?]>(Array(repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let value = transform(index, items[index])
            results.withLock { $0[index] = value }
        }
        return results.withLock { $0.compactMap { $0 } }
    }
}
