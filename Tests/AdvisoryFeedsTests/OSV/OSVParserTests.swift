import AdvisoryFeeds
import AdvisoryModel
import Foundation
import SecurityModel
import TestSupport
import Testing

@Suite struct OSVParserTests {
    let parser = OSVParser(source: "osv-test")

    private func parse(_ json: String, path: String = "x.json") throws(FeedError) -> FeedRecords {
        try parser.parse(FeedDocument(path: path, bytes: Array(json.utf8)))
    }

    private func malformedReason(_ json: String) -> String? {
        do throws(FeedError) {
            _ = try parse(json)
            return nil
        } catch {
            return error.kind == .malformed ? error.reason : "wrong kind \(error.kind)"
        }
    }

    /// Loads an osv.dev example and the facts python3 reads from the same file.
    private func example(_ name: String) throws -> (Advisory, [String: Any])? {
        let relative = "schemas/osv/examples/osv.dev/\(name).json"
        guard let bytes = FeedTestSupport.corpusBytes(relative), FeedTestSupport.pythonAvailable(),
            let path = Corpus.path(relative)
        else { return nil }
        let records = try parser.parse(FeedDocument(path: relative, bytes: bytes))
        let advisory = try #require(records.advisories.first)
        let facts = try FeedTestSupport.python(
            #"""
            import json, sys
            d = json.load(open(sys.argv[1]))
            aff = d.get('affected', [])
            print(json.dumps({
              'id': d['id'], 'aliases': d.get('aliases', []), 'upstream': d.get('upstream', []),
              'ecosystems': [a['package']['ecosystem'] for a in aff],
              'names': [a['package']['name'] for a in aff],
              'versions': [len(a.get('versions', [])) for a in aff],
              'fixed': [e['fixed'] for a in aff for r in a.get('ranges', []) for e in r['events'] if 'fixed' in e],
              'severity': [s['score'] for s in d.get('severity', [])],
              'refs': len(d.get('references', [])),
            }))
            """#,
            [path]
        )
        let object = try #require(JSONSerialization.jsonObject(with: Data(facts.utf8)) as? [String: Any])
        return (advisory, object)
    }

    @Test func ubuntuRecord() throws {
        guard let (advisory, facts) = try example("UBUNTU-CVE-2025-38094") else { return }
        #expect(advisory.id == facts["id"] as? String)
        // Ubuntu's per-CVE record lists its CVE under `upstream`: it is the same vulnerability.
        let upstream = try #require(facts["upstream"] as? [String])
        #expect(advisory.aliases == upstream)
        let ecosystems = try #require(facts["ecosystems"] as? [String])
        #expect(advisory.affected.count == ecosystems.count)
        for (package, ecosystem) in zip(advisory.affected, ecosystems) {
            #expect(package.key.ecosystem == .ubuntu)
            // `Ubuntu:Pro:14.04:LTS` → release 14.04: the first part that is a version number.
            let release = ecosystem.split(separator: ":").first { $0.first?.isNumber == true }.map(String.init)
            #expect(package.key.release == release)
            #expect(package.vendorSeverityLabel == (facts["severity"] as? [String])?.first)
        }
        #expect(advisory.affected.map(\.key.name) == (facts["names"] as? [String]))
        #expect(advisory.affected.map(\.versions.count) == (facts["versions"] as? [Int]))
        #expect(advisory.affected.first?.vendorSeverity == .medium)
        #expect(advisory.vendorSeverity == .medium)
        #expect(advisory.references.count == facts["refs"] as? Int)
        // The kernel is listed version by version; a listed version is affected.
        let package = try #require(advisory.affected.first)
        let listed = try #require(package.versions.first)
        #expect(try package.verdict(for: listed) != nil)
    }

    @Test func debianRecord() throws {
        guard let (advisory, facts) = try example("DSA-3029-1") else { return }
        #expect(advisory.id == "DSA-3029-1")
        #expect(advisory.aliases == facts["aliases"] as? [String])
        let package = try #require(advisory.affected.first)
        #expect(package.key.ecosystem == .debian)
        #expect(package.key.release == "wheezy")  // Debian:7
        #expect(package.key.name == "nginx")
        #expect(package.ranges.flatMap(\.fixedVersions) == facts["fixed"] as? [String])
        let fixed = try #require(package.ranges.first?.fixedVersions.first)
        #expect(try package.verdict(for: fixed) == nil)
        #expect(try package.verdict(for: "1.2.1-2.2+wheezy2") != nil)
    }

    @Test func githubRecord() throws {
        guard let (advisory, facts) = try example("GHSA-838r-hvwh-24h8") else { return }
        #expect(advisory.vendorSeverity == .critical)  // database_specific.severity CRITICAL
        #expect(advisory.cvssVectors == facts["severity"] as? [String])
        #expect(advisory.cwes == ["CWE-611"])
        #expect(advisory.affected.first?.key.ecosystem == .maven)
        #expect(advisory.source == "osv-test")
    }

    @Test func malformedRecordsNameTheField() {
        #expect(malformedReason("42")?.isEmpty == false)
        #expect(malformedReason("[1]")?.contains("not a JSON object") == true)
        #expect(malformedReason(#"{"summary":"x"}"#)?.contains("'id'") == true)
        #expect(malformedReason(#"{"id":7}"#)?.contains("'id'") == true)
        #expect(malformedReason(#"{"id":"X-1","aliases":"CVE-1"}"#)?.contains("aliases") == true)
        #expect(malformedReason(#"{"id":"X-1","aliases":[1]}"#)?.contains("aliases") == true)
        #expect(
            malformedReason(#"{"id":"X-1","affected":[{"package":{"ecosystem":"PyPI","name":"a"},"ranges":{}}]}"#)?
                .contains("affected[0].ranges") == true
        )
        #expect(
            malformedReason(
                #"{"id":"X-1","affected":[{"package":{"ecosystem":"PyPI","name":"a"},"ranges":[{"type":"ECOSYSTEM","events":[{"fixed":1}]}]}]}"#
            )?.contains("events[0].fixed") == true
        )
        #expect(malformedReason("{not json")?.contains("invalid JSON") == true)
        #expect(malformedReason(#"{"id":"X-1","details":["a"]}"#)?.contains("details") == true)
    }

    @Test func unknownEcosystemAndBadRangeAreSkippedNotFatal() throws {
        let records = try parse(
            #"""
            {"id":"X-1","affected":[
              {"package":{"ecosystem":"Hackage","name":"aeson"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]},
              {"package":{"ecosystem":"PyPI","name":"Django_Rest"},"ranges":[
                {"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"not a version!"}]},
                {"type":"ECOSYSTEM","events":[{"introduced":"1.0"},{"fixed":"1.2"}]}],
               "versions":["1.1"]}]}
            """#
        )
        let advisory = try #require(records.advisories.first)
        #expect(advisory.affected.count == 1)
        #expect(advisory.affected.first?.key.name == "django-rest")
        #expect(advisory.affected.first?.ranges.count == 1)
        #expect(advisory.affected.first?.ranges.first?.fixedVersions == ["1.2"])
        #expect(records.skipped.count == 2)
        #expect(records.skipped.contains { $0.contains("Hackage") })
        #expect(records.skipped.contains { $0.contains("not a version!") })
    }

    @Test func wrappersAndRelatedAndWithdrawn() throws {
        let one = #"{"id":"A-1","related":["B-2"],"withdrawn":"2024-01-01T00:00:00Z","summary":"s"}"#
        let array = try parse("[\(one),{\"id\":\"A-2\"}]")
        #expect(array.advisories.map(\.id) == ["A-1", "A-2"])
        let wrapped = try parse("{\"vulns\":[\(one)]}")
        #expect(wrapped.advisories.first?.related == ["B-2"])
        #expect(wrapped.advisories.first?.withdrawn == "2024-01-01T00:00:00Z")
        #expect(wrapped.advisories.first?.summary == "s")
    }

    @Test func yamlAliasesAndBadYAMLAreMalformed() {
        let bomb = "a: &a [x, x]\nb: &b [*a, *a]\nid: *b\n"
        for text in [bomb, "id: [unclosed\n", "- just\n- a list\n"] {
            do throws(FeedError) {
                _ = try parser.parse(FeedDocument(path: "v/X.yaml", bytes: Array(text.utf8)))
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.kind == .malformed)
                #expect(error.path == "v/X.yaml")
            }
        }
    }

    @Test func detailsAreTruncated() throws {
        let long = String(repeating: "é", count: 5000)
        let records = try parse(#"{"id":"A-1","details":"\#(long)"}"#)
        let details = try #require(records.advisories.first?.details)
        #expect(details.utf8.count <= 4096)
        #expect(details.hasSuffix("…"))
        #expect(details.utf8.count > 4000)
    }

    @Test func distributionSeverityFromEcosystemSpecific() throws {
        let records = try parse(
            #"""
            {"id":"DEBIAN-CVE-2024-1","upstream":["CVE-2024-1"],"affected":[
              {"package":{"ecosystem":"Debian:12","name":"OpenSSL"},
               "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"3.0.11-1~deb12u2"}]}],
               "ecosystem_specific":{"urgency":"unimportant"}}]}
            """#
        )
        let package = try #require(records.advisories.first?.affected.first)
        #expect(package.key == PackageKey(ecosystem: .debian, release: "bookworm", name: "openssl"))
        #expect(package.vendorSeverityLabel == "unimportant")
        #expect(package.vendorSeverity == .info)
        #expect(records.advisories.first?.aliases == ["CVE-2024-1"])
    }

    @Test func yamlRecord() throws {
        let yaml = """
            id: PYSEC-2099-1
            aliases:
            - CVE-2099-1
            published: 2021-01-01T00:00:00Z
            affected:
            - package:
                name: Pillow
                ecosystem: PyPI
              ranges:
              - type: ECOSYSTEM
                events:
                - introduced: '0'
                - fixed: 8.1.1
              versions:
              - '1.0'
              - 8.0.0
            """
        let records = try parser.parse(FeedDocument(path: "vulns/pillow/PYSEC-2099-1.yaml", bytes: Array(yaml.utf8)))
        let advisory = try #require(records.advisories.first)
        #expect(advisory.aliases == ["CVE-2099-1"])
        #expect(advisory.published == "2021-01-01T00:00:00Z")
        #expect(advisory.affected.first?.key.name == "pillow")
        #expect(advisory.affected.first?.versions == ["1.0", "8.0.0"])
        #expect(advisory.affected.first?.ranges.first?.fixedVersions == ["8.1.1"])
    }
}
