/// The result of reading a whole recording.
public struct DecodedRecording: Sendable, Hashable {
    /// The events of the good lines, in order.
    public var events: [RuntimeEvent]
    /// Problems with bad lines (at most ``EventRecordingReader/Limits/maximumDiagnostics``).
    public var diagnostics: [RecordingDiagnostic]
    /// How many event lines were skipped (may exceed `diagnostics.count`).
    public var skippedLines: Int
    /// How many lines were read.
    public var lines: Int
}
