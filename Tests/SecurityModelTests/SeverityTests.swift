import SecurityModel
import Testing

struct SeverityTests {
    @Test func ordersFromInfoToCritical() {
        #expect(Severity.info < .low)
        #expect(Severity.low < .medium)
        #expect(Severity.medium < .high)
        #expect(Severity.high < .critical)
        #expect(!(Severity.high < .high))
        #expect(Severity.allCases.sorted() == [.info, .low, .medium, .high, .critical])
        #expect(Severity.allCases.map(\.rank) == [0, 1, 2, 3, 4])
        #expect([Severity.high, .info, .critical].max() == .critical)
    }

    @Test(arguments: [
        ("info", Severity.info), ("INFO", .info), ("informational", .info), ("style", .info), ("note", .info),
        ("low", .low), ("Low", .low),
        ("medium", .medium), ("moderate", .medium), ("warning", .medium), ("WARN", .medium),
        ("high", .high), ("error", .high), ("important", .high),
        ("critical", .critical), ("Fatal", .critical),
    ])
    func parsesNamesAndAliases(_ text: String, _ expected: Severity) {
        #expect(Severity(parsing: text) == expected)
    }

    @Test(arguments: ["", "none", "unknown", " high", "high ", "crit", "5"])
    func rejectsUnknownNames(_ text: String) {
        #expect(Severity(parsing: text) == nil)
    }

    @Test func rawValuesRoundTrip() {
        for severity in Severity.allCases {
            #expect(Severity(rawValue: severity.rawValue) == severity)
            #expect(Severity(parsing: severity.description) == severity)
        }
    }
}
