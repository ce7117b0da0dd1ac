import RuntimeEvents
import SecurityModel
import TestSupport
import Testing

@Suite struct EventRecordingFuzzTests {
    @Test func randomBytesNeverCrashTheDecoder() {
        var random = SplitMix64(seed: 0xF00D)
        let header = Array((EventRecording.header + "\n").utf8)
        for round in 0..<400 {
            let count = Int(random.next() % 400)
            var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if round % 2 == 0 { bytes = header + bytes }
            do {
                let decoded = try EventRecording.decode(bytes)
                #expect(decoded.events.count + decoded.skippedLines <= decoded.lines)
            } catch {
                #expect(error.line >= 1)
            }
        }
    }

    @Test func mutatedLinesNeverCrashAndAreEitherDecodedOrReported() throws {
        var generator = EventGenerator(seed: 0xBEEF)
        var random = SplitMix64(seed: 0xCAFE)
        let tokens: [[UInt8]] = [
            Array("\"".utf8), Array("{".utf8), Array("}".utf8), Array("[".utf8), Array(",".utf8), Array(":".utf8),
            Array("null".utf8), Array("-1".utf8), Array("1e400".utf8), Array("\\u".utf8), [0xFF], [0x00],
            Array("\"type\":\"x\"".utf8), Array("99999999999999999999".utf8),
        ]
        var lines: [[UInt8]] = []
        for _ in 0..<400 {
            var line = Array(EventRecording.line(for: generator.event()).utf8)
            for _ in 0..<Int(random.next() % 4 + 1) {
                guard !line.isEmpty else { break }
                let at = Int(random.next() % UInt64(line.count))
                switch random.next() % 3 {
                case 0: line.remove(at: at)
                case 1: line.insert(contentsOf: random.pick(tokens), at: at)
                default: line[at] = UInt8(truncatingIfNeeded: random.next())
                }
            }
            line.removeAll { $0 == 0x0A }
            lines.append(line)
        }
        var bytes = Array((EventRecording.header + "\n").utf8)
        for line in lines { bytes += line + [0x0A] }
        let decoded = try EventRecording.decode(bytes, limits: .init(maximumDiagnostics: 1_000))
        #expect(decoded.events.count + decoded.skippedLines == lines.filter { !$0.isEmpty }.count)
        #expect(decoded.diagnostics.count == decoded.skippedLines)
        #expect(decoded.diagnostics.allSatisfy { $0.line >= 2 && $0.line <= lines.count + 1 })
    }

    @Test func deeplyNestedLinesAreRejectedNotCrashing() throws {
        let deep = String(repeating: "[", count: 100_000)
        let text = EventRecording.header + "\n" + #"{"type":"open","thread":{"pid":1},"args":{"a":"# + deep + "}}"
        let decoded = try EventRecording.decode(text)
        #expect(decoded.skippedLines == 1)
        #expect(decoded.diagnostics.first?.line == 2)
    }
}
