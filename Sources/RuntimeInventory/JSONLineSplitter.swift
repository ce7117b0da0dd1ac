/// Cuts a byte stream of newline-delimited JSON (the Docker event stream) into lines, whatever the chunk
/// boundaries. A line longer than ``maximumLineBytes`` is dropped (and counted), never buffered whole.
public struct JSONLineSplitter: Sendable {
    /// Longest line kept.
    public let maximumLineBytes: Int
    /// Lines dropped because they were too long.
    public private(set) var droppedLines = 0
    private var pending: [UInt8] = []
    private var discarding = false

    /// A splitter keeping lines of at most `maximumLineBytes` bytes.
    public init(maximumLineBytes: Int = 1024 * 1024) {
        self.maximumLineBytes = max(1, maximumLineBytes)
    }

    /// Appends `bytes` and returns the complete, non-blank lines they finish (without the newline or a `\r`).
    public mutating func append(_ bytes: some Sequence<UInt8>) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for byte in bytes {
            if byte == 0x0A {
                if !discarding {
                    if pending.last == 0x0D { pending.removeLast() }
                    if pending.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) { lines.append(pending) }
                }
                pending.removeAll(keepingCapacity: true)
                discarding = false
                continue
            }
            if discarding { continue }
            if pending.count >= maximumLineBytes {
                pending.removeAll(keepingCapacity: false)
                discarding = true
                droppedLines += 1
                continue
            }
            pending.append(byte)
        }
        return lines
    }
}
