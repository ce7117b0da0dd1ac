import RuntimeInventory
import TestSupport
import Testing

struct DockerEventTests {
    static let id = "954213ab1ad5f6bf1c8b2152d1b84b7aae0e1494de57b4ae1513666512771b7e"

    @Test func decodesARenameEvent() throws {
        let line =
            #"{"status":"rename","id":"\#(Self.id)","from":"bulkhead-test-b-busybox:fixture","Type":"container","Action":"rename","Actor":{"ID":"\#(Self.id)","Attributes":{"image":"bulkhead-test-b-busybox:fixture","name":"new-name","oldName":"/old-name"}},"scope":"local","time":1795952174,"timeNano":1795952174225837003}"#
        let event = try #require(try DockerContainerEvent.parse(Array(line.utf8), subject: "line 1"))
        #expect(event.action == "rename" && event.containerID == Self.id)
        #expect(event.name == "new-name" && event.oldName == "/old-name")
        #expect(event.timeNanoseconds == 1_795_952_174_225_837_003)
        #expect(event.effect == .refresh)
    }

    @Test func otherTypesAreSkippedAndActionsMapToEffects() throws {
        let network = #"{"Type":"network","Action":"connect","Actor":{"ID":"abc"}}"#
        #expect(try DockerContainerEvent.parse(Array(network.utf8), subject: "l") == nil)
        #expect(DockerContainerEvent(action: "destroy", containerID: Self.id).effect == .evict)
        #expect(DockerContainerEvent(action: "start", containerID: Self.id).effect == .refresh)
        #expect(DockerContainerEvent(action: "die", containerID: Self.id).effect == .refresh)
        #expect(DockerContainerEvent(action: "exec_start: sh -c true", containerID: Self.id).effect == .none)
        #expect(DockerContainerEvent(action: "health_status: healthy", containerID: Self.id).effect == .none)
        let legacy = #"{"status":"die","id":"\#(Self.id)","time":5}"#
        let event = try #require(try DockerContainerEvent.parse(Array(legacy.utf8), subject: "l"))
        #expect(event.action == "die" && event.timeNanoseconds == 5_000_000_000)
    }

    @Test(arguments: [
        ("nope", "not JSON"),
        ("[1]", "not a JSON object"),
        (#"{"Type":"container"}"#, "without Action"),
        (#"{"Type":"container","Action":"start","Actor":{"ID":"../x"}}"#, "without a valid Actor.ID"),
    ])
    func hostileLinesAreErrors(line: String, expected: String) {
        #expect {
            try DockerContainerEvent.parse(Array(line.utf8), subject: "event line 3")
        } throws: { error in
            String(describing: error).hasPrefix("event line 3: ") && String(describing: error).contains(expected)
        }
    }

    @Test func lineSplitterHandlesAnyChunkingAndDropsOverlongLines() {
        var random = SplitMix64(seed: 0x11E)
        let lines = (0..<50).map { index in
            Array("{\"n\":\(index),\"pad\":\"\(String(repeating: "x", count: index))\"}".utf8)
        }
        var stream: [UInt8] = []
        for line in lines {
            stream += line + (random.oneIn(3) ? [0x0D, 0x0A] : [0x0A]) + (random.oneIn(5) ? [0x0A] : [])
        }
        for _ in 0..<100 {
            var splitter = JSONLineSplitter()
            var out: [[UInt8]] = []
            var offset = 0
            while offset < stream.count {
                let size = Int(random.next() % 40) + 1
                out += splitter.append(stream[offset..<min(stream.count, offset + size)])
                offset += size
            }
            #expect(out == lines)
        }
        var small = JSONLineSplitter(maximumLineBytes: 10)
        let result = small.append(Array("short\n0123456789ABCDEF\nok\n".utf8))
        #expect(result == [Array("short".utf8), Array("ok".utf8)])
        #expect(small.droppedLines == 1)
    }

    @Test func fuzzedLinesNeverCrash() {
        var random = SplitMix64(seed: 0xE7)
        let base = Array(
            #"{"Type":"container","Action":"start","Actor":{"ID":"\#(Self.id)","Attributes":{"name":"n"}},"timeNano":1}"#
                .utf8
        )
        var decoded = 0
        for _ in 0..<2000 {
            var bytes = base
            for _ in 0..<Int(random.next() % 4 + 1) {
                bytes[Int(random.next() % UInt64(bytes.count))] = random.pick(Array("{}[]\":,0a-".utf8) + [0xFF])
            }
            if let event = try? DockerContainerEvent.parse(bytes, subject: "fuzz") {
                decoded += 1
                #expect(!event.containerID.isEmpty)
            }
        }
        #expect(decoded > 0)
    }
}
