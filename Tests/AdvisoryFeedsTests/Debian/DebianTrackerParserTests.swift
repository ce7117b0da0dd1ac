import AdvisoryFeeds
import AdvisoryModel
import Foundation
import SecurityModel
import TestSupport
import Testing

struct DebianTrackerParserTests {
    static let fixture = "Debian/Fixtures/tracker-sample.json"

    func parseFixture() throws -> FeedRecords {
        let bytes = try DistroFeedTestSupport.fixtureBytes(Self.fixture)
        return try DebianTrackerParser(source: "debian-tracker").parse(FeedDocument(path: "json", bytes: bytes))
    }

    func affected(_ records: FeedRecords, _ id: String, _ package: String, _ release: String) -> AffectedPackage? {
        records.advisories.first { $0.id == id }?.affected.first {
            $0.key == PackageKey(ecosystem: .debian, release: release, name: package)
        }
    }

    @Test func everyStatusMapping() throws {
        let records = try parseFixture()
        // resolved + version → fixed range; urgency "not yet assigned" → no severity, raw label kept.
        let fixed = try #require(affected(records, "CVE-2023-0286", "openssl", "bullseye"))
        #expect(fixed.status == .affected)
        #expect(
            fixed.ranges == [AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed("1.1.1n-0+deb11u4")])]
        )
        #expect(fixed.vendorSeverity == nil && fixed.vendorSeverityLabel == "not yet assigned")
        // resolved + "0" → not affected.
        let never = try #require(affected(records, "CVE-2023-38545", "curl", "bullseye"))
        #expect(never.status == .notAffected && never.ranges.isEmpty)
        // high urgency
        #expect(affected(records, "CVE-2023-38545", "curl", "bookworm")?.vendorSeverity == .high)
        // open + nodsa_reason ignored → will not fix; unimportant → low.
        let ignored = try #require(affected(records, "CVE-2019-1010022", "glibc", "bookworm"))
        #expect(
            ignored.status == .willNotFix && ignored.vendorSeverity == .low
                && ignored.vendorSeverityLabel == "unimportant"
        )
        // open + postponed → not fixed; "low**" → low, label kept raw.
        let postponed = try #require(affected(records, "CVE-2019-1010022", "glibc", "bullseye"))
        #expect(
            postponed.status == .notFixed && postponed.vendorSeverity == .low
                && postponed.vendorSeverityLabel == "low**"
        )
        // open + end-of-life urgency → end of life.
        let eol = try #require(affected(records, "CVE-2023-24329", "python2.7", "bullseye"))
        #expect(eol.status == .endOfLife && eol.vendorSeverity == nil)
        // undetermined, TEMP- ids kept.
        #expect(affected(records, "TEMP-0000000-A7F1E3", "glibc", "sid")?.status == .undetermined)
        // plain open → not fixed, medium.
        let open = try #require(affected(records, "CVE-2023-4622", "linux", "bullseye"))
        #expect(open.status == .notFixed && open.vendorSeverity == .medium)
    }

    @Test func countsMatchPython() throws {
        let records = try parseFixture()
        let path = Corpus.repositoryPath("Tests/AdvisoryFeedsTests/" + Self.fixture)
        let script = """
            import json, sys
            d = json.load(open(sys.argv[1]))
            ids = {c for p in d.values() for c in p}
            rels = sum(len(e.get('releases', {})) for p in d.values() for e in p.values())
            print(len(ids), rels)
            """
        guard let output = DistroFeedTestSupport.python(script, arguments: [path]) else { return }
        let expected = output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        #expect(expected == [records.advisories.count, records.advisories.reduce(0) { $0 + $1.affected.count }])
        // CVE-2023-0286 appears under openssl and linux: one advisory with both.
        let merged = try #require(records.advisories.first { $0.id == "CVE-2023-0286" })
        #expect(Set(merged.affected.map(\.key.name)) == ["openssl", "linux"])
        #expect(merged.references == ["https://bugs.debian.org/1031290"])
        #expect(merged.summary == "X.400 address type confusion in X.509 GeneralName")
    }

    @Test func severityMapping() {
        #expect(DebianTrackerParser.severity(forUrgency: "unimportant") == .low)
        #expect(DebianTrackerParser.severity(forUrgency: "low") == .low)
        #expect(DebianTrackerParser.severity(forUrgency: "medium**") == .medium)
        #expect(DebianTrackerParser.severity(forUrgency: "high") == .high)
        #expect(DebianTrackerParser.severity(forUrgency: "not yet assigned") == nil)
        #expect(DebianTrackerParser.severity(forUrgency: "end-of-life") == nil)
    }

    @Test(arguments: [
        ("[]", "not an object"),
        ("{\"a\": []}", "package \"a\""),
        ("{\"a\": {\"CVE-1\": 3}}", "a/CVE-1"),
        ("{\"a\": {\"CVE-1\": {\"releases\": []}}}", "\"releases\""),
        ("{\"a\": {\"CVE-1\": {\"releases\": {\"sid\": {\"urgency\": \"low\"}}}}}", "a/CVE-1/releases/sid"),
        ("{\"a\": {\"CVE-1\": {}}, \"b\": {\"CVE-2\": {]}}", "package \"b\""),
        ("{\"a\": {}", "end of input"),
        ("{\"a\": {}} x", "trailing"),
        ("{\"a\" {}}", "':'"),
        ("{\"a\": \"unterminated}", "unterminated"),
    ])
    func malformedInputNamesThePlace(input: String, fragment: String) {
        do {
            _ = try DebianTrackerParser().parse(FeedDocument(path: "tracker.json", bytes: Array(input.utf8)))
            Issue.record("accepted malformed input")
        } catch {
            #expect(error.kind == .malformed && error.path == "tracker.json")
            #expect(error.reason.contains(fragment), "\(error.reason)")
        }
    }

    @Test func emptyObjectAndUnknownStatus() throws {
        #expect(try DebianTrackerParser().parse(FeedDocument(path: "j", bytes: Array(" {} ".utf8))).advisories.isEmpty)
        let text =
            "{\"a\": {\"CVE-1\": {\"releases\": {\"sid\": {\"status\": \"weird\"}, \"trixie\": {\"status\": \"resolved\"}}}}}"
        let records = try DebianTrackerParser().parse(FeedDocument(path: "j", bytes: Array(text.utf8)))
        #expect(records.advisories.map(\.id) == ["CVE-1"])
        #expect(records.advisories.first?.affected.isEmpty == true)
        #expect(records.skipped.count == 2)
    }

    @Test func fuzzedFixtureNeverCrashes() throws {
        let bytes = try DistroFeedTestSupport.fixtureBytes(Self.fixture)
        let rejected = DistroFeedTestSupport.fuzz(
            DebianTrackerParser(),
            bytes: bytes,
            path: "json",
            seed: 31,
            rounds: 1500
        )
        #expect(rejected > 0)
    }

    @Test func largeSyntheticTrackerStreams() throws {
        // 20 000 packages × 3 CVEs, built from the fixture's shape; checks scale, not memory.
        var text = "{"
        for index in 0..<20_000 {
            if index > 0 { text += "," }
            text += "\"pkg\(index)\": {"
            for cve in 0..<3 {
                if cve > 0 { text += "," }
                text +=
                    "\"CVE-2024-\(index * 3 + cve + 10000)\": {\"description\": \"d\", \"scope\": \"remote\", \"releases\": {\"bookworm\": {\"status\": \"resolved\", \"repositories\": {\"bookworm\": \"1.0-1\"}, \"fixed_version\": \"1.0-1\", \"urgency\": \"low\"}}}"
            }
            text += "}"
        }
        text += "}"
        let document = FeedDocument(path: "json", bytes: Array(text.utf8))
        let clock = ContinuousClock()
        var records = FeedRecords()
        let peakBefore = Self.peakResidentKilobytes()
        let elapsed = try clock.measure { records = try DebianTrackerParser().parse(document) }
        let peakAfter = Self.peakResidentKilobytes()
        print(
            "debian tracker synthetic: \(records.advisories.count) advisories (\(document.bytes.count) bytes) in \(elapsed);"
                + " peak RSS grew by \(peakAfter - peakBefore) KiB"
        )
        #expect(records.advisories.count == 60_000)
    }

    /// VmHWM from /proc/self/status (0 where unavailable): the process's peak resident memory.
    static func peakResidentKilobytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    }
}
