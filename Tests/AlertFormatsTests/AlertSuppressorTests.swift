import AlertFormats
import FalcoRules
import SecurityModel
import TestSupport
import Testing

/// De-duplication and rate limiting on the alert path, driven by event time (a fake clock).
@Suite struct AlertSuppressorTests {
    static let second: UInt64 = 1_000_000_000

    static func alert(_ rule: String = "Shell", at time: UInt64, output: String = "shell bash") -> Alert {
        Alert(time: time, rule: rule, priority: .warning, tags: ["shell"], output: output, hostname: "h")
    }

    static func key(_ rule: String = "Shell", pid: Int64 = 7, container: String = "c1") -> DeduplicationKey {
        DeduplicationKey(rule: rule, pid: pid, containerID: container)
    }

    @Test func foldsDuplicatesAndReleasesOneSummaryWithTheCount() throws {
        var suppressor = AlertSuppressor(window: 10 * Self.second, rateLimit: nil)
        var sent: [Alert] = []
        for n in 0..<5 {
            let time = UInt64(n) * Self.second
            sent += suppressor.advance(to: time)
            if let alert = suppressor.admit(Self.alert(at: time, output: "shell #\(n)"), key: Self.key()) {
                sent.append(alert)
            }
        }
        #expect(sent.count == 1)
        #expect(sent.first?.repetition == nil)
        // Still open just before the window ends.
        #expect(suppressor.advance(to: 10 * Self.second - 1).isEmpty)
        let summaries = suppressor.advance(to: 10 * Self.second)
        let summary = try #require(summaries.first)
        #expect(summaries.count == 1)
        #expect(summary.output == "shell #0")
        #expect(summary.time == 4 * Self.second)
        #expect(summary.repetition == AlertRepetition(count: 5, firstTime: 0, lastTime: 4 * Self.second))
        #expect(
            summary.textLine.hasSuffix("(repeated 5 times from 00:00:00.000000000 to 00:00:04.000000000: 4 not sent)")
        )
        let json = try JSONParser.parse(summary.jsonLine)
        #expect(json["repeated"]?["count"] == .int(5))
        #expect(json["repeated"]?["suppressed"] == .int(4))
        #expect(json["repeated"]?["first_time"]?.stringValue == "1970-01-01T00:00:00.000000000Z")
        #expect(json["rule"]?.stringValue == "Shell")
        #expect(suppressor.counts.deduplicated == 4)
        #expect(suppressor.counts.summaries == 1)
        #expect(suppressor.deduplicatedPerRule == ["Shell": 4])
        // The next alert opens a new window and is sent.
        #expect(suppressor.admit(Self.alert(at: 11 * Self.second), key: Self.key()) != nil)
    }

    @Test func differentProcessesContainersAndRulesAreNotDuplicates() {
        var suppressor = AlertSuppressor(window: 10 * Self.second, rateLimit: nil)
        let keys = [Self.key(), Self.key(pid: 8), Self.key(container: "c2"), Self.key("Other")]
        let sent = keys.compactMap { suppressor.admit(Self.alert($0.rule, at: 0), key: $0) }
        #expect(sent.count == 4)
        // No duplicates: closing the windows releases no summary.
        #expect(suppressor.finish().isEmpty)
    }

    @Test func finishReleasesTheSummariesOfOpenWindows() {
        var suppressor = AlertSuppressor(window: 60 * Self.second, rateLimit: nil)
        for n in 0..<3 { _ = suppressor.admit(Self.alert(at: UInt64(n)), key: Self.key()) }
        for n in 0..<2 { _ = suppressor.admit(Self.alert(at: UInt64(n)), key: Self.key(pid: 9)) }
        let summaries = suppressor.finish()
        #expect(summaries.map { $0.repetition?.count } == [3, 2])
    }

    @Test func windowZeroSendsEverything() {
        var suppressor = AlertSuppressor(window: 0, rateLimit: nil)
        let sent = (0..<100).compactMap { suppressor.admit(Self.alert(at: UInt64($0)), key: Self.key()) }
        #expect(sent.count == 100)
        #expect(suppressor.finish().isEmpty)
        #expect(suppressor.counts == AlertSuppressor.Counts())
    }

    @Test func rateLimitIsATokenBucketPerRule() {
        var suppressor = AlertSuppressor(window: 0, rateLimit: AlertRateLimit(perSecond: 2, burst: 3))
        // Ten alerts at once from different processes: the burst goes through.
        var sent = (0..<10).compactMap { n in
            suppressor.admit(Self.alert(at: 0), key: Self.key(pid: Int64(n)))
        }
        #expect(sent.count == 3)
        // Another rule has its own bucket.
        #expect(suppressor.admit(Self.alert("Other", at: 0), key: Self.key("Other")) != nil)
        // One second later two tokens are back.
        sent = (0..<5).compactMap { n in
            suppressor.admit(Self.alert(at: Self.second), key: Self.key(pid: Int64(100 + n)))
        }
        #expect(sent.count == 2)
        #expect(suppressor.counts.rateLimited == 10)
        #expect(suppressor.rateLimitedPerRule == ["Shell": 10])
    }

    @Test func duplicatesDoNotSpendTokensAndSummariesAreNotLimited() {
        var suppressor = AlertSuppressor(window: 10 * Self.second, rateLimit: AlertRateLimit(perSecond: 1, burst: 1))
        #expect(suppressor.admit(Self.alert(at: 0), key: Self.key()) != nil)
        for n in 1...50 { #expect(suppressor.admit(Self.alert(at: UInt64(n)), key: Self.key()) == nil) }
        #expect(suppressor.counts.deduplicated == 50)
        #expect(suppressor.counts.rateLimited == 0)
        #expect(suppressor.advance(to: 10 * Self.second).map { $0.repetition?.count } == [51])
    }

    /// Property: against a naive model (a list of windows scanned in full), on random event streams with
    /// many keys, the suppressor sends the same alerts and summaries.
    @Test func matchesANaiveModelOnRandomStreams() {
        for seed in UInt64(1)...40 {
            var random = SplitMix64(seed: seed)
            let window = UInt64(1 + random.next() % 50)
            var suppressor = AlertSuppressor(window: window, rateLimit: nil)
            var model: [DeduplicationKey: (first: UInt64, last: UInt64, count: Int)] = [:]
            var sent: [String] = []
            var expected: [String] = []
            var time: UInt64 = 0
            func modelClose(before now: UInt64) {
                for (key, w) in model.sorted(by: { ($0.value.first, $0.key.pid) < ($1.value.first, $1.key.pid) })
                where w.first + window <= now {
                    model[key] = nil
                    if w.count > 1 { expected.append("summary \(key.pid) \(w.count) \(w.last)") }
                }
            }
            for _ in 0..<400 {
                time += random.next() % 7
                for alert in suppressor.advance(to: time) {
                    sent.append(
                        "summary \(alert.outputFields.isEmpty ? alert.output : "") \(alert.repetition?.count ?? 0) \(alert.time)"
                    )
                }
                modelClose(before: time)
                let pid = Int64(random.next() % 12)
                let key = Self.key(pid: pid)
                if let alert = suppressor.admit(Self.alert(at: time, output: "\(pid)"), key: key) {
                    sent.append("alert \(alert.output) \(alert.time)")
                }
                if var w = model[key] {
                    w.count += 1
                    w.last = time
                    model[key] = w
                } else {
                    model[key] = (time, time, 1)
                    expected.append("alert \(pid) \(time)")
                }
            }
            #expect(sent == expected, "seed \(seed)")
        }
    }
}
