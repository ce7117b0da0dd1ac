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

    @Test func hostileLinesGiveDiagnosticsWithLineNumbers() throws {
        let good = #"{"num":1,"ts":1,"type":"write","args":{"data":{"bytes":"00ff"}},"thread":{"pid":1}}"#
        var bytes = Array((EventRecording.header + "\n" + good + "\n").utf8)
        let hostile: [[UInt8]] = [
            Array(good.utf8.dropLast(7)),  // truncated
            Array(#"{"num":"x","ts":1,"type":"write","thread":{"pid":1}}"#.utf8),  // wrong type
            Array(#"{"num":1,"ts":1,"type":"write","thread":{"pid":1,"comm":""#.utf8) + [0xFF, 0xFE]
                + Array(#""}}"#.utf8),
            Array(#"{"num":1,"ts":1,"type":"wr"#.utf8) + [0x00] + Array(#"ite","thread":{"pid":1}}"#.utf8),
            Array(#"{"num":1,"ts":1,"type":"write","args":{"data":{"bytes":"abc"}},"thread":{"pid":1}}"#.utf8),
            Array(#"{"num":1,"ts":1,"type":"no_such_type","thread":{"pid":1}}"#.utf8),
        ]
        for line in hostile { bytes += line + [0x0A] }
        bytes += Array(good.utf8) + [0x0A]
        let decoded = try EventRecording.decode(bytes)
        #expect(decoded.events.count == 2)
        #expect(decoded.skippedLines == hostile.count)
        #expect(decoded.diagnostics.map(\.line) == Array(3..<(3 + hostile.count)))
        #expect(decoded.diagnostics[1].message.contains("num"))
        #expect(decoded.diagnostics[4].message.contains("bytes"))
        #expect(decoded.events.first?.argument("data") == .bytes([0x00, 0xFF]))
    }

    @Test func randomBinaryLinesBetweenGoodOnesNeverLoseTheGoodOnes() throws {
        var random = SplitMix64(seed: 0xB0_05)
        let good = #"{"num":1,"ts":1,"type":"read","thread":{"pid":1}}"#
        for _ in 0..<200 {
            var bytes = Array((EventRecording.header + "\n").utf8)
            var goodCount = 0
            for _ in 0..<Int(random.next() % 8) {
                if random.oneIn(2) {
                    bytes += Array(good.utf8) + [0x0A]
                    goodCount += 1
                } else {
                    let junk = (0..<Int(random.next() % 64)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                    bytes += junk.map { $0 == 0x0A ? 0x00 : $0 } + [0x0A]
                }
            }
            let decoded = try EventRecording.decode(bytes)
            #expect(decoded.events.count == goodCount)
        }
    }
}
