import ArgumentParser
import Foundation
import RuntimeEvents

/// `watch --record FILE`: the live event stream written in the recording format (docs/event-recording.md),
/// so that it can be replayed with `watch --replay FILE`. Buffered; a write error stops the recording (it is
/// reported once) but never the watch.
final class LiveRecordingFile {
    /// Bytes buffered before a write.
    static let bufferLimit = 256 * 1024

    /// The path as given.
    let path: String
    private let handle: FileHandle
    private var writer = EventRecordingWriter()
    private var buffer: [UInt8] = []
    /// Events written so far.
    private(set) var events = 0
    /// The first write error, if any; nothing more is written after it.
    private(set) var failure: String?

    /// Creates (or truncates) `path`, mode 0600, and writes the header.
    init(path: String) throws(ValidationError) {
        self.path = path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw ValidationError("--record \(path): cannot create it: \(String(cString: strerror(errno)))")
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        buffer.reserveCapacity(Self.bufferLimit + 4_096)
        buffer.append(contentsOf: writer.header.utf8)
        buffer.append(0x0A)
    }

    /// Appends one event.
    func append(_ event: RuntimeEvent) {
        guard failure == nil else { return }
        buffer.append(contentsOf: writer.line(for: event).utf8)
        buffer.append(0x0A)
        events += 1
        if buffer.count >= Self.bufferLimit { flush() }
    }

    /// Writes what is buffered.
    func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            failure = "\(error)"
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    func close() {
        flush()
        try? handle.close()
    }
}
