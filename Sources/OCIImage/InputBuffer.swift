/// A fixed-capacity byte buffer with a readable window `[start, end)`; reused for the life of a
/// stream so that reading allocates nothing per chunk.
///
/// Invariant: `storage` is allocated in `init` and freed in `deinit`; `0 <= start <= end <= capacity`.
final class InputBuffer {
    private let storage: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0

    init(capacity: Int) {
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    var capacity: Int { storage.count }
    /// Bytes available to read.
    var count: Int { end - start }
    var readable: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[start..<end]) }
    /// Free space after the readable window.
    var writable: UnsafeMutableRawBufferPointer { UnsafeMutableRawBufferPointer(rebasing: storage[end...]) }

    func consume(_ n: Int) {
        start += n
        if start == end {
            start = 0
            end = 0
        }
    }

    func commit(_ n: Int) { end += n }

    /// Moves the readable bytes to the front so `writable` is as large as possible.
    func compact() {
        guard start > 0 else { return }
        let n = end - start
        if n > 0, let base = storage.baseAddress {
            (base).copyMemory(from: base + start, byteCount: n)
        }
        start = 0
        end = n
    }
}
