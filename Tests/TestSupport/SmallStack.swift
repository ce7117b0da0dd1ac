internal import Foundation

/// Runs `body` on a thread whose stack is only `size` bytes (512 KiB by default, the size of secondary
/// threads on some platforms) and returns its result: code that recurses too deeply crashes the test.
public func onSmallStack<T: Sendable>(size: Int = 512 * 1024, _ body: @escaping @Sendable () -> T) -> T? {
    let box = SmallStackResult<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.stackSize = size
    thread.start()
    done.wait()
    return box.value
}

/// The result of ``onSmallStack(size:_:)``'s thread, read after it signalled.
final class SmallStackResult<T: Sendable>: @unchecked Sendable {
    var value: T?
}
