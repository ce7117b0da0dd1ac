import AdvisoryFeeds
import AdvisoryModel
import Foundation
import TestSupport
import Testing

struct NVDParserTests {
    static let fixture = "NVD/Fixtures/nvd-cve-api-2.0.json"

    func parseFixture() throws -> FeedRecords {
        try NVDParser().parse(FeedDocument(path: "nvd.json", bytes: DistroFeedTestSupport.fixtureBytes(Self.fixture)))
    }

    @Test func log4ShellRecord() throws {
        let records = try parseFixture()
        #expect(records.advisories.isEmpty)
        let log4j = try #require(records.enrichments.first { $0.cve == "CVE-2021-44228" })
        #expect(log4j.cvssVectors == ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "AV:N/AC:M/Au:N/C:C/I:C/A:C"])
        #expect(
            log4j.publishedScores == [
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H": 10.0, "AV:N/AC:M/Au:N/C:C/I:C/A:C": 9.3,
            ]
        )
        #expect(log4j.cwes == ["CWE-20", "CWE-400", "CWE-502", "CWE-917"])
        #expect(log4j.description?.hasPrefix("Apache Log4j2 2.0-beta9 through 2.15.0") == true)
    }

    @Test func secondaryMetricsKeepVersionOrderAndPlaceholdersAreDropped() throws {
        let records = try parseFixture()
        let xz = try #require(records.enrichments.first { $0.cve == "CVE-2024-3094" })
        #expect(xz.cvssVectors.first?.hasPrefix("CVSS:4.0/") == true)
        #expect(xz.cvssVectors.count == 2)
        #expect(xz.publishedScores["CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H"] == 10)
        let glibc = try #require(records.enrichments.first { $0.cve == "CVE-2019-1010022" })
        #expect(glibc.cwes.isEmpty)
        #expect(glibc.cvssVectors == ["CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"])
    }

    @Test func agreesWithPython() throws {
        let records = try parseFixture()
        let script = """
            import json, sys
            d = json.load(open(sys.argv[1]))
            for v in d['vulnerabilities']:
                c = v['cve']; m = c.get('metrics', {})
                vecs = [x['cvssData']['vectorString'] for k in ['cvssMetricV40','cvssMetricV31','cvssMetricV30','cvssMetricV2'] for x in m.get(k, [])]
                cwes = [x['value'] for w in c.get('weaknesses', []) for x in w['description'] if x['value'].startswith('CWE-')]
                print(c['id'], len(set(vecs)), len(set(cwes)))
            """
        guard
            let output = DistroFeedTestSupport.python(
                script,
                arguments: [Corpus.repositoryPath("Tests/AdvisoryFeedsTests/" + Self.fixture)]
            )
        else { return }
        let mine = records.enrichments.map { "\($0.cve) \($0.cvssVectors.count) \($0.cwes.count)" }
        #expect(output.split(separator: "\n").map(String.init) == mine)
    }

    @Test func gzipYearlyFeedIsAccepted() throws {
        let bytes = try DistroFeedTestSupport.fixtureBytes(Self.fixture)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nvd-gz-\(UInt32.random(in: 0...UInt32.max))"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("nvdcve-2.0-2021.json")
        try Data(bytes).write(to: plain)
        do {
            let result = try runProcessBlocking(["gzip", "-9", plain.path])
            guard result.status == 0 else { throw ProcessLaunchError(message: result.stderr) }
        } catch {
            print("skipping: gzip unavailable (\(error))")
            #expect(!Corpus.integrationRequired)
            return
        }
        let compressed = [UInt8](try Data(contentsOf: directory.appendingPathComponent("nvdcve-2.0-2021.json.gz")))
        let parser = NVDParser()
        #expect(parser.accepts(path: "feeds/nvdcve-2.0-2021.json.gz"))
        let records = try parser.parse(FeedDocument(path: "nvdcve-2.0-2021.json.gz", bytes: compressed))
        #expect(records.enrichments == (try parseFixture()).enrichments)
        do {
            _ = try parser.parse(
                FeedDocument(path: "cut.json.gz", bytes: Array(compressed.prefix(compressed.count / 2)))
            )
            Issue.record("truncated gzip accepted")
        } catch {
            #expect(error.path == "cut.json.gz")
            #expect([.truncated, .malformed].contains(error.kind))
        }
    }

    @Test(arguments: [
        ("[]", "not an object"),
        ("{\"resultsPerPage\": 0}", "\"vulnerabilities\""),
        ("{\"vulnerabilities\": [{\"cve\": 1}]}", "vulnerabilities[0].cve"),
        ("{\"vulnerabilities\": [{\"cve\": {\"descriptions\": []}}]}", "vulnerabilities[0].cve.id"),
        ("{\"vulnerabilities\": [", "NVD JSON"),
    ])
    func malformedInputNamesTheField(input: String, fragment: String) {
        do {
            _ = try NVDParser().parse(FeedDocument(path: "nvd.json", bytes: Array(input.utf8)))
            Issue.record("accepted malformed input")
        } catch {
            #expect(error.kind == .malformed && error.path == "nvd.json")
            #expect(error.reason.contains(fragment), "\(error.reason)")
        }
    }

    @Test func fuzzedFixtureNeverCrashes() throws {
        let bytes = try DistroFeedTestSupport.fixtureBytes(Self.fixture)
        let rejected = DistroFeedTestSupport.fuzz(NVDParser(), bytes: bytes, path: "nvd.json", seed: 41, rounds: 800)
        #expect(rejected > 0)
        var random = SplitMix64(seed: 42)
        for length in [2, 10, 100, 1000] {
            var bytes: [UInt8] = [0x1F, 0x8B]
            bytes += (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            #expect(throws: FeedError.self) { try NVDParser().parse(FeedDocument(path: "x.json.gz", bytes: bytes)) }
        }
    }
}
