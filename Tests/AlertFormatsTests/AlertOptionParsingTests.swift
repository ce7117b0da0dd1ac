import AlertFormats
import TestSupport
import Testing

/// `--dedup-window` durations and `--rate-limit` settings: accepted forms, rejected forms, and fuzzing.
@Suite struct AlertOptionParsingTests {
    @Test(arguments: [
        ("10s", 10_000_000_000 as UInt64), ("1.5s", 1_500_000_000), ("500ms", 500_000_000), ("2m", 120_000_000_000),
        ("1h", 3_600_000_000_000), ("250us", 250_000), ("100ns", 100), ("30", 30_000_000_000), ("0", 0),
        ("off", 0), (" none ", 0), ("7d", nil as UInt64?), ("-1s", nil), ("", nil), ("s", nil), ("1.2.3s", nil),
        ("1e3s", nil), ("169h", nil), ("10 s", nil), ("ms", nil),
    ])
    func durations(_ text: String, _ expected: UInt64?) {
        #expect(AlertDuration.nanoseconds(parsing: text) == expected, "\(text)")
    }

    @Test func durationTextRoundTrips() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let value = random.next() % AlertDuration.maximumNanoseconds
            let text = AlertDuration.text(value)
            #expect(AlertDuration.nanoseconds(parsing: text) == value, "\(value) → \(text)")
        }
    }

    @Test(arguments: [
        ("20/s:200", 20.0, 200), ("5", 5.0, 5), ("60/m", 1.0, 1), ("100/h:10", 100.0 / 3600, 10), ("0.5/s", 0.5, 1),
        ("2.5:4", 2.5, 4),
    ])
    func rateLimits(_ text: String, _ rate: Double, _ burst: Int) {
        let parsed = AlertRateLimit.parse(text)
        #expect(parsed == .some(AlertRateLimit(perSecond: rate, burst: burst)), "\(text)")
    }

    @Test(arguments: ["off", "none", "0", "OFF"])
    func rateLimitOff(_ text: String) {
        #expect(AlertRateLimit.parse(text) == .some(nil))
    }

    @Test(arguments: ["", "fast", "10/d", "10:0", "10:-1", "-5", "1/s:2:3", "/s", "10/s:", "nan", "inf", "1e9999"])
    func rateLimitRejects(_ text: String) {
        #expect(AlertRateLimit.parse(text) == nil, "\(text)")
    }

    @Test func rateLimitDescriptionRoundTrips() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<1_000 {
            let limit = AlertRateLimit(
                perSecond: Double(1 + random.next() % 100_000) / Double(1 + random.next() % 100),
                burst: Int(1 + random.next() % 10_000)
            )
            #expect(AlertRateLimit.parse(limit.description) == .some(limit), "\(limit)")
        }
    }

    /// Random text built from the grammar's characters never crashes either parser, and what they accept
    /// is in range.
    @Test func fuzz() {
        var random = SplitMix64(seed: 2_026)
        let alphabet = Array("0123456789.:/smhnu µoffNE -+e")
        for _ in 0..<20_000 {
            let length = Int(random.next() % 12)
            let text = String((0..<length).map { _ in random.pick(alphabet) })
            if let value = AlertDuration.nanoseconds(parsing: text) {
                #expect(value <= AlertDuration.maximumNanoseconds)
            }
            if case .some(.some(let limit)) = AlertRateLimit.parse(text) {
                #expect(limit.perSecond > 0 && limit.perSecond.isFinite && limit.burst >= 1, "\(text)")
            }
        }
    }
}
