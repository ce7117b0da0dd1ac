import RuntimeEvents
import SecurityModel
import TestSupport
import Testing

@Suite struct EventRecordingTests {
    @Test func generatedEventsRoundTripThroughTheRecordingFormat() throws {
        var generator = EventGenerator(seed: 6)
        let events = (0..<500).map { _ in generator.event() }
        let text = EventRecording.encode(events)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == events.count + 2)
        let decoded = try EventRecording.decode(text)
        #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics.prefix(3))")
        #expect(decoded.skippedLines == 0)
        #expect(decoded.events.count == events.count)
        for (a, b) in zip(events, decoded.events) { #expect(a == b) }
    }

    @Test func eachEventIsOneLineWithoutRawNewlines() {
        var generator = EventGenerator(seed: 7)
        for _ in 0..<200 {
            let line = EventRecording.line(for: generator.event())
            #expect(!line.contains("\n"))
            #expect(!line.contains("\r"))
        }
    }

    @Test func headerLineNamesTheFormatAndVersion() throws {
        let header = try JSONParser.parse(EventRecording.header)
        #expect(header["format"]?.stringValue == "bulkhead-events")
        #expect(header["version"]?.integerValue == 1)
    }

    @Test func badLinesAreReportedWithLineNumbersAndSkipped() throws {
        let good = EventRecording.line(for: RuntimeEvent(timestamp: 5, type: .openat, thread: ThreadInfo(pid: 1)))
        let text = [
            EventRecording.header,  // 1
            good,  // 2
            "{not json",  // 3
            "",  // 4 (empty lines are ignored)
            #"{"type":"nosuchcall","thread":{"pid":1}}"#,  // 5
            #"{"type":"openat"}"#,  // 6
            #"{"type":"openat","thread":{"pid":"one"}}"#,  // 7
            #"{"type":"connect","thread":{"pid":1},"fd":{"num":3,"tuple":{"family":"ipv4","sip":"300.1.1.1"}}}"#,  // 8
            #"{"type":"openat","thread":{"pid":1},"args":{"flags":[1]}}"#,  // 9
            EventRecording.header,  // 10
            good + "\r",  // 11
        ].joined(separator: "\n")
        let decoded = try EventRecording.decode(text, source: "rec.jsonl")
        #expect(decoded.events.count == 2)
        #expect(decoded.skippedLines == 7)
        #expect(decoded.diagnostics.map(\.line) == [3, 5, 6, 7, 8, 9, 10])
        let messages = decoded.diagnostics.map(\.description)
        #expect(messages[0].hasPrefix("rec.jsonl:3: invalid JSON"))
        #expect(messages[1].contains("type: unknown event type 'nosuchcall'"))
        #expect(messages[2].contains("thread: missing"))
        #expect(messages[3].contains("thread.pid: expected an integer"))
        #expect(messages[4].contains("fd.tuple.sip: '300.1.1.1' is not an IP address"))
        #expect(messages[5].contains("args.flags"))
        #expect(messages[6].contains("second header"))
    }

    @Test func missingOrForeignHeaderIsAnError() {
        #expect(throws: EventRecordingError.self) {
            _ = try EventRecording.decode(#"{"type":"openat","thread":{"pid":1}}"#)
        }
        do {
            _ = try EventRecording.decode("\n\n" + #"{"format":"other","version":1}"#, source: "x")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unsupportedFormat)
            #expect(error.line == 3)
        }
        do {
            _ = try EventRecording.decode(#"{"format":"bulkhead-events","version":2}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unsupportedVersion)
        }
    }

    @Test func containersAreDescribedOnceThenReferencedById() throws {
        let container = ContainerInfo(id: "abcdef012345", name: "db", imageRepository: "postgres", labels: ["a": "b"])
        let other = ContainerInfo(id: "999999999999", name: "cache")
        let thread = ThreadInfo(pid: 3)
        let events = [container, container, other, container, .host].enumerated().map {
            RuntimeEvent(number: UInt64($0.offset), timestamp: 1, type: .openat, thread: thread, container: $0.element)
        }
        let text = EventRecording.encode(events)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[1].contains("\"postgres\""))
        #expect(lines[2].contains(#""container":{"id":"abcdef012345"}"#))
        #expect(lines[4].contains(#""container":{"id":"abcdef012345"}"#))
        #expect(!lines[5].contains("container"))
        #expect(try EventRecording.decode(text).events == events)
        // A reference to a container never described stays a bare id.
        let bare = EventRecording.header + "\n" + #"{"type":"open","thread":{"pid":1},"container":{"id":"x"}}"#
        #expect(try EventRecording.decode(bare).events.first?.container == ContainerInfo(id: "x"))
    }

    @Test func emptyInputIsAnEmptyRecording() throws {
        let decoded = try EventRecording.decode("")
        #expect(decoded.events.isEmpty)
        #expect(decoded.skippedLines == 0)
    }

    @Test func overlongLinesAndTooManyArgumentsAreSkipped() throws {
        let limits = EventRecordingReader.Limits(maximumLineBytes: 200, maximumDiagnostics: 2, maximumArguments: 3)
        let long = #"{"type":"openat","thread":{"pid":1,"comm":""# + String(repeating: "a", count: 300) + #""}}"#
        let manyArgs = #"{"type":"openat","thread":{"pid":1},"args":{"a":1,"b":2,"c":3,"d":4}}"#
        let text = [EventRecording.header, long, manyArgs, long, long].joined(separator: "\n")
        let decoded = try EventRecording.decode(text, limits: limits)
        #expect(decoded.events.isEmpty)
        #expect(decoded.skippedLines == 4)
        #expect(decoded.diagnostics.count == 2)
        #expect(decoded.diagnostics[0].message.contains("longer than the limit of 200"))
        #expect(decoded.diagnostics[1].message.contains("more than the limit of 3"))
    }

    @Test func readerStreamsLineByLine() throws {
        var reader = EventRecordingReader(source: "stream")
        #expect(try reader.read(line: Array(EventRecording.header.utf8)) == nil)
        let event = RuntimeEvent(timestamp: 1, type: .execve, result: 0, thread: ThreadInfo(pid: 9, comm: "sh"))
        #expect(try reader.read(line: Array(EventRecording.line(for: event).utf8)) == event)
        #expect(try reader.read(line: Array("garbage".utf8)) == nil)
        #expect(reader.lineNumber == 3)
        #expect(reader.skippedLines == 1)
        #expect(reader.version == 1)
    }

    @Test func documentedExampleDecodes() throws {
        let doc = try #require(readDocumentation())
        let lines = doc.split(separator: "\n").filter { $0.hasPrefix("{\"") }.joined(separator: "\n")
        let decoded = try EventRecording.decode(lines, source: "docs/event-recording.md")
        #expect(decoded.diagnostics.isEmpty, "\(decoded.diagnostics)")
        #expect(decoded.events.count >= 5)
        // Re-encoding the example gives the same lines.
        #expect(EventRecording.encode(decoded.events) == lines + "\n")
    }

    private func readDocumentation() -> String? {
        TestFile.read(TestFile.repositoryPath("docs/event-recording.md"))
    }
}
