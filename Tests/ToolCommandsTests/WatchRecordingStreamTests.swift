import RuntimeEvents
import TestSupport
import Testing

@testable import ToolCommands

/// The chunked recording reader gives the same events and diagnostics as decoding the whole recording at
/// once, wherever the chunk boundaries fall.
struct WatchRecordingStreamTests {
    static func line(_ n: Int, random: inout SplitMix64) -> String {
        switch random.next() % 6 {
        case 0: return ""
        case 1: return "{not json"
        case 2: return #"{"num":\#(n),"type":"execve","thread":{"pid":"x"}}"#
        case 3: return "{\"pad\":\"" + String(repeating: "p", count: Int(random.next() % 300)) + "\"}\r"
        default:
            return
                #"{"num":\#(n),"ts":\#(n * 1000),"type":"execve","res":0,"thread":{"pid":\#(n),"ppid":1,"comm":"sh","exe":"sh","exepath":"/bin/sh"}}"#
        }
    }

    func streamed(_ path: String, in dir: ScratchDirectory, chunk: Int, limits: EventRecordingReader.Limits) throws
        -> (events: [RuntimeEvent], diagnostics: [RecordingDiagnostic], skipped: Int)
    {
        let (io, _) = CommandIO.capturing(currentDirectory: dir.path)
        var stream = try RecordingStream(path: path, io: io, limits: limits, maximumBytes: nil, chunkBytes: chunk)
        var events: [RuntimeEvent] = []
        while try stream.next(into: &events) {}
        return (events, stream.reader.diagnostics, stream.reader.skippedLines)
    }

    @Test func chunkBoundariesDoNotChangeTheResult() throws {
        var random = SplitMix64(seed: 606)
        let dir = try ScratchDirectory()
        var limits = EventRecordingReader.Limits()
        limits.maximumLineBytes = 200
        for round in 0..<8 {
            var text = EventRecording.header + "\n"
            for n in 0..<40 { text += Self.line(n, random: &random) + "\n" }
            if round % 2 == 1 { text += Self.line(99, random: &random) }  // no final newline
            try dir.write("r.jsonl", text)
            let whole = try EventRecording.decode(text, source: "r.jsonl", limits: limits)
            for chunk in [1, 2, 3, 7, 64, 199, 200, 201, 4096] {
                let result = try streamed("r.jsonl", in: dir, chunk: chunk, limits: limits)
                #expect(result.events == whole.events, "round \(round) chunk \(chunk)")
                #expect(result.diagnostics == whole.diagnostics, "round \(round) chunk \(chunk)")
                #expect(result.skipped == whole.skippedLines, "round \(round) chunk \(chunk)")
            }
        }
    }

    @Test func anOversizedLineIsNotKeptAndIsReportedWithItsLength() throws {
        let dir = try ScratchDirectory()
        let long = "{\"pad\":\"" + String(repeating: "z", count: 50_000) + "\"}"
        try dir.write("r.jsonl", EventRecording.header + "\n" + long + "\r\n{}\n")
        var limits = EventRecordingReader.Limits()
        limits.maximumLineBytes = 100
        let result = try streamed("r.jsonl", in: dir, chunk: 64, limits: limits)
        #expect(result.diagnostics.first?.description == "r.jsonl:2: line is 50010 bytes, longer than the limit of 100")
        #expect(result.skipped == 2)
    }

    @Test func aMissingHeaderOrFileIsAnError() throws {
        let dir = try ScratchDirectory()
        try dir.write("bad.jsonl", "{\"format\":\"other\",\"version\":1}\n")
        #expect(throws: (any Error).self) { try streamed("bad.jsonl", in: dir, chunk: 8, limits: .init()) }
        #expect(throws: (any Error).self) { try streamed("missing.jsonl", in: dir, chunk: 8, limits: .init()) }
        #expect(throws: (any Error).self) { try streamed(".", in: dir, chunk: 8, limits: .init()) }
    }
}
