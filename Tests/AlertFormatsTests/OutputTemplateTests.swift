import AlertFormats
import RuntimeEvents
import SecurityModel
import TestSupport
import Testing

@Suite struct OutputTemplateTests {
    static func event() -> (RuntimeEvent, ProcessTable) {
        let thread = ThreadInfo(
            pid: 42,
            ppid: 1,
            comm: "bash",
            exe: "bash",
            args: ["-c", "id"],
            uid: 0,
            userName: "root"
        )
        let container = ContainerInfo(id: "abc123abc123", name: "web", labels: ["app": "shop"])
        let event = RuntimeEvent(
            timestamp: 1_700_000_000_123_456_789,
            type: .execve,
            thread: thread,
            container: container
        )
        return (event, ProcessTable())
    }

    @Test(arguments: [
        ("Shell %proc.name by %user.name", "Shell bash by root"),
        ("pid=%proc.pid in %container.name", "pid=42 in web"),
        ("label=%container.label.app", "label=shop"),
        ("missing=%container.label.nope", "missing=<NA>"),
        ("ancestor=%proc.aname[3]", "ancestor=<NA>"),
        ("100%% sure", "100% sure"),
        ("100% sure", "100% sure"),
        ("ends with %", "ends with %"),
        ("by %user.name.", "by root."),
        ("no fields", "no fields"),
        ("%proc.name%proc.name", "bashbash"),
    ])
    func renders(template: String, expected: String) throws {
        let (event, table) = Self.event()
        let parsed = try OutputTemplate(template)
        #expect(parsed.render(event, table).text == expected)
    }

    @Test func outputFieldsAreSortedTypedAndNullForMissing() throws {
        let (event, table) = Self.event()
        let parsed = try OutputTemplate("%user.name %proc.pid %container.label.nope %proc.name %proc.name")
        let fields = parsed.render(event, table).fields
        #expect(fields.map(\.name) == ["container.label.nope", "proc.name", "proc.pid", "user.name"])
        #expect(fields.map(\.value) == [.null, .string("bash"), .number(42), .string("root")])
    }

    @Test(arguments: [
        ("x %proc.nosuchfield y", "proc.nosuchfield", 2),
        ("%bogus", "bogus", 0),
        ("a %proc.aname[2", "proc.aname", 2),
        ("%proc.aname[x]", "proc.aname[x]", 0),
    ])
    func reportsBadFieldsAtParseTime(template: String, field: String, offset: Int) {
        #expect {
            _ = try OutputTemplate(template)
        } throws: { error in
            guard let error = error as? OutputTemplateError else { return false }
            return error.field == field && error.offset == offset
        }
    }

    @Test func fuzzNeverCrashes() {
        var random = SplitMix64(seed: 6)
        let pieces = ["%", "%%", "proc.name", "[", "]", "[2]", ".", "x", " ", "%proc.aname", "é", "%container.label."]
        let (event, table) = Self.event()
        var parsed = 0
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int(random.next() % 8) { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            if let template = try? OutputTemplate(text) {
                parsed += 1
                _ = template.render(event, table)
            }
        }
        #expect(parsed > 0)
    }
}
