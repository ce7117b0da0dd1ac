import SecurityModel

/// The JSON-lines event recording format: a header line, then one ``RuntimeEvent`` per line.
///
/// Documented field by field in docs/event-recording.md. Writing is ``header`` + ``line(for:)``; reading is
/// ``EventRecordingReader``.
public enum EventRecording {
    /// The `format` member of the header line.
    public static let formatName = "bulkhead-events"
    /// The version this code writes and the newest it reads.
    public static let version = 1

    /// The header line (without a newline).
    public static var header: String {
        JSONValue.object([("format", .string(formatName)), ("version", .int(version))]).serialized(pretty: false)
    }

    /// One event as a single, self-contained line of JSON (without a newline).
    public static func line(for event: RuntimeEvent) -> String { event.jsonValue.serialized(pretty: false) }

    /// A whole recording: the header and one line per event, each ending in a newline (containers described
    /// in full once, see ``EventRecordingWriter``).
    public static func encode(_ events: some Sequence<RuntimeEvent>) -> String {
        var writer = EventRecordingWriter()
        var out = writer.header + "\n"
        for event in events {
            out += writer.line(for: event)
            out += "\n"
        }
        return out
    }

    /// Reads a whole recording held in memory. Bad event lines are skipped and reported in the result;
    /// a missing or unsupported header throws.
    public static func decode(
        _ bytes: [UInt8],
        source: String = "<recording>",
        limits: EventRecordingReader.Limits = .init()
    ) throws(EventRecordingError) -> DecodedRecording {
        var reader = EventRecordingReader(source: source, limits: limits)
        var events: [RuntimeEvent] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            if let event = try reader.read(line: bytes[start..<end]) { events.append(event) }
            start = end + 1
        }
        return DecodedRecording(
            events: events,
            diagnostics: reader.diagnostics,
            skippedLines: reader.skippedLines,
            lines: reader.lineNumber
        )
    }

    /// Reads a whole recording held in a string.
    public static func decode(
        _ text: String,
        source: String = "<recording>",
        limits: EventRecordingReader.Limits = .init()
    ) throws(EventRecordingError) -> DecodedRecording {
        try decode(Array(text.utf8), source: source, limits: limits)
    }
}
