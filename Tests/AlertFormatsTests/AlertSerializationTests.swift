import AlertFormats
import FalcoRules
import SecurityModel
import Testing

@Suite struct AlertSerializationTests {
    // 2023-11-14T22:13:20.123456789Z
    static let alert = Alert(
        time: 1_700_000_000_123_456_789,
        rule: "Terminal shell in container",
        priority: .notice,
        tags: ["container", "mitre_execution"],
        output: "A shell was spawned (user=root)",
        outputFields: [("user.name", .string("root")), ("proc.pid", .number(42)), ("fd.name", .null)],
        hostname: "node-1"
    )

    @Test func textLine() {
        #expect(Self.alert.textLine == "22:13:20.123456789: Notice A shell was spawned (user=root)")
    }

    @Test func jsonFollowsFalcoSchema() throws {
        let parsed = try JSONParser.parse(Self.alert.jsonLine)
        let members = try #require(parsed.objectMembers)
        #expect(
            members.map(\.0) == ["hostname", "output", "output_fields", "priority", "rule", "source", "tags", "time"]
        )
        #expect(parsed["hostname"] == .string("node-1"))
        #expect(parsed["output"] == .string("A shell was spawned (user=root)"))
        #expect(parsed["priority"] == .string("Notice"))
        #expect(parsed["rule"] == .string("Terminal shell in container"))
        #expect(parsed["source"] == .string("syscall"))
        #expect(parsed["tags"] == .array([.string("container"), .string("mitre_execution")]))
        let fields = try #require(parsed["output_fields"]?.objectMembers)
        #expect(fields.map(\.0) == fields.map(\.0).sorted())
        #expect(parsed["output_fields"]?["proc.pid"] == .int(42))
        #expect(parsed["output_fields"]?["fd.name"] == .null)
        #expect(parsed["output_fields"]?["user.name"] == .string("root"))
        // RFC 3339, UTC, nine fraction digits.
        let time = try #require(parsed["time"]?.stringValue)
        #expect(time == "2023-11-14T22:13:20.123456789Z")
    }

    @Test(arguments: [
        (UInt64(0), "1970-01-01T00:00:00.000000000Z"),
        (UInt64(951_782_400_000_000_001), "2000-02-29T00:00:00.000000001Z"),
        (UInt64(4_107_542_399_999_999_999), "2100-02-28T23:59:59.999999999Z"),
    ])
    func rfc3339(ns: UInt64, expected: String) {
        #expect(AlertTimestamp.rfc3339(ns) == expected)
    }

    @Test func prioritiesOrderAndNames() {
        #expect(RulePriority.allCases.map(\.syslogSeverity) == Array(0...7))
        #expect(
            RulePriority.allCases.map(\.description).joined(separator: " ")
                == "Emergency Alert Critical Error Warning Notice Informational Debug"
        )
    }
}
