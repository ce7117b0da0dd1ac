import AdvisoryFeeds
import AdvisoryModel
import Foundation
import TestSupport
import Testing

struct EnrichmentParserTests {
    @Test func kevMatchesPython() throws {
        guard
            let path = DistroFeedTestSupport.corpusPath("vulndb/kev-epss-samples/known_exploited_vulnerabilities.json"),
            let output = DistroFeedTestSupport.python(
                "import json,sys\nfor v in json.load(open(sys.argv[1]))['vulnerabilities']: print(v['cveID'], v['dateAdded'])",
                arguments: [path]
            )
        else { return }
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        let parser = KEVParser()
        #expect(parser.accepts(path: "kev/known_exploited_vulnerabilities.json"))
        let records = try parser.parse(FeedDocument(path: path, bytes: bytes))
        #expect(
            records.enrichments.map { "\($0.cve) \($0.kevDateAdded ?? "-")" }
                == output.split(separator: "\n").map(String.init)
        )
        // By hand: CVE-2021-44228 was added on 2021-12-10.
        #expect(records.enrichments.first { $0.cve == "CVE-2021-44228" }?.kevDateAdded == "2021-12-10")
        #expect(records.enrichments.first { $0.cve == "CVE-2017-3066" }?.cwes == ["CWE-502"])
    }

    @Test func epssMatchesPython() throws {
        guard let path = DistroFeedTestSupport.corpusPath("vulndb/kev-epss-samples/data.csv"),
            let output = DistroFeedTestSupport.python(
                """
                import sys, csv
                lines = [l for l in open(sys.argv[1]) if not l.startswith('#')]
                for r in csv.DictReader(lines): print(r['cve'], float(r['epss']), float(r['percentile']))
                """,
                arguments: [path]
            )
        else { return }
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        let records = try EPSSParser().parse(FeedDocument(path: path, bytes: bytes))
        let expected = output.split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            return (String(parts[0]), Double(parts[1]) ?? -1, Double(parts[2]) ?? -1)
        }
        #expect(records.enrichments.count == expected.count)
        for (enrichment, row) in zip(records.enrichments, expected) {
            #expect(enrichment.cve == row.0 && enrichment.epssScore == row.1 && enrichment.epssPercentile == row.2)
        }
        // By hand: "CVE-1999-0005,0.91963,0.99030"
        #expect(records.enrichments.first?.epssScore == 0.91963)
    }

    @Test func epssGzipAndHeaderWithoutComment() throws {
        let csv = "cve,epss,percentile\r\nCVE-2024-0001,0.5,0.75\r\n\r\nCVE-2024-0002,1e-05,0.01\r\n"
        let plain = try EPSSParser().parse(FeedDocument(path: "epss.csv", bytes: Array(csv.utf8)))
        #expect(plain.enrichments.map(\.cve) == ["CVE-2024-0001", "CVE-2024-0002"])
        #expect(plain.enrichments.last?.epssScore == 0.00001)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "epss-\(UInt32.random(in: 0...UInt32.max))"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("epss_scores-current.csv")
        try Data(("#model_version:v2023.03.01,score_date:2024-10-25T00:00:00+0000\n" + csv).utf8).write(to: file)
        guard (try? runProcessBlocking(["gzip", file.path]))?.status == 0 else {
            print("skipping: gzip unavailable")
            #expect(!Corpus.integrationRequired)
            return
        }
        let compressed = [UInt8](try Data(contentsOf: directory.appendingPathComponent("epss_scores-current.csv.gz")))
        #expect(EPSSParser().accepts(path: "epss_scores-current.csv.gz"))
        let records = try EPSSParser().parse(FeedDocument(path: "epss.csv.gz", bytes: compressed))
        #expect(records.enrichments == plain.enrichments)
    }

    @Test(arguments: [
        ("", "no header"),
        ("#comment only\n", "no header"),
        ("cve,score\nCVE-1,0.1\n", "line 1"),
        ("cve,epss,percentile\nCVE-1,0.1\n", "line 2"),
        ("cve,epss,percentile\nCVE-1,abc,0.2\n", "line 2: epss"),
        ("cve,epss,percentile\nCVE-1,0.1,7\n", "percentile"),
        ("cve,epss,percentile\n,0.1,0.2\n", "empty cve"),
    ])
    func malformedEPSS(input: String, fragment: String) {
        do {
            _ = try EPSSParser().parse(FeedDocument(path: "e.csv", bytes: Array(input.utf8)))
            Issue.record("accepted malformed input")
        } catch {
            #expect(error.kind == .malformed && error.path == "e.csv")
            #expect(error.reason.contains(fragment), "\(error.reason)")
        }
    }

    @Test(arguments: [
        ("{}", "\"vulnerabilities\""),
        ("{\"vulnerabilities\": [{\"dateAdded\": \"2024-01-01\"}]}", "vulnerabilities[0].cveID"),
        ("{\"vulnerabilities\": [", "KEV JSON"),
    ])
    func malformedKEV(input: String, fragment: String) {
        do {
            _ = try KEVParser().parse(FeedDocument(path: "kev.json", bytes: Array(input.utf8)))
            Issue.record("accepted malformed input")
        } catch {
            #expect(error.kind == .malformed && error.path == "kev.json")
            #expect(error.reason.contains(fragment), "\(error.reason)")
        }
    }

    @Test func fuzzedSamplesNeverCrash() {
        if let kev = DistroFeedTestSupport.corpusBytes("vulndb/kev-epss-samples/known_exploited_vulnerabilities.json") {
            #expect(DistroFeedTestSupport.fuzz(KEVParser(), bytes: kev, path: "kev.json", seed: 51, rounds: 500) > 0)
        }
        if let epss = DistroFeedTestSupport.corpusBytes("vulndb/kev-epss-samples/data.csv") {
            #expect(DistroFeedTestSupport.fuzz(EPSSParser(), bytes: epss, path: "data.csv", seed: 52, rounds: 500) > 0)
        }
    }
}
