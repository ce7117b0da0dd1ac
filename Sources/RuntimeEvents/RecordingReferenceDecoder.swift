import SecurityModel

/// The original event-line decoder: `JSONParser` builds a `JSONValue` tree, then `RuntimeEvent(json:)` maps
/// it. Slower than ``RecordingLineDecoder`` but simple; kept as the reference that the differential tests
/// compare the byte-level decoder against (``EventRecordingReader/usesReferenceDecoder``).
enum RecordingReferenceDecoder {
    /// Decodes one line (without its newline) that follows the header.
    static func decode(
        _ bytes: [UInt8],
        maximumArguments: Int,
        into event: inout RuntimeEvent
    ) -> RecordingLineDecoder.Outcome {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: bytes)
        } catch {
            return .skipped("\(error)")
        }
        if let args = json["args"]?.objectMembers, args.count > maximumArguments {
            return .skipped("args: \(args.count) arguments, more than the limit of \(maximumArguments)")
        }
        if json["format"] != nil, json["type"] == nil { return .skipped("a second header line") }
        do {
            event = try RuntimeEvent(json: json)
            return RecordingLineDecoder.Outcome(containerMembers: json["container"]?.objectMembers?.count)
        } catch {
            return .skipped(error.path.isEmpty ? error.message : "\(error.path): \(error.message)")
        }
    }
}
