import AdvisoryFeeds
import AdvisoryModel
import Foundation
import TestSupport
import Testing

struct DebianAdvisoryListParserTests {
    static let files = [
        ("vulndb/debian-security-tracker/DSA-list.txt", "debian-dsa"),
        ("vulndb/debian-security-tracker/DLA-list.txt", "debian-dla"),
    ]

    /// Independent line-based count: entries, advisories (distinct CVEs + CVE-less entries), related
    /// pairs, affected records by status, and unparsable versions.
    static let oracle = #"""
        import sys, re, json
        ver = re.compile(r'^([0-9]+:)?[0-9][A-Za-z0-9.+~-]*$')
        out = {}
        for path in sys.argv[1:]:
            entries = []
            for line in open(path, encoding='utf-8', errors='replace'):
                line = line.rstrip('\n')
                if line.startswith('['):
                    entries.append({'id': line.split(']', 1)[1].split()[0], 'cves': [], 'lines': []})
                elif line.strip().startswith('{'):
                    for c in line.strip()[1:-1].split():
                        if c not in entries[-1]['cves']: entries[-1]['cves'].append(c)
                elif line.strip().startswith('['):
                    entries[-1]['lines'].append(line.split(']', 1)[1].split()[2])
            ids = set(); related = set(); status = {'fixed': 0, 'not-affected': 0, 'end-of-life': 0, 'unfixed': 0}; bad = 0
            for e in entries:
                names = e['cves'] or [e['id']]
                for n in names:
                    ids.add(n)
                    if e['cves']: related.add((n, e['id']))
                for v in e['lines']:
                    if v.startswith('<'): status[v[1:-1]] += len(names)
                    elif ver.match(v): status['fixed'] += len(names)
                    else: bad += 1
            out[path] = [len(entries), len(ids), len(related), status['fixed'], status['not-affected'],
                         status['end-of-life'], status['unfixed'], bad]
        print(json.dumps(out))
        """#

    @Test func countsMatchAnIndependentPythonCount() throws {
        let available = Self.files.compactMap { file in DistroFeedTestSupport.corpusPath(file.0).map { ($0, file.1) } }
        guard !available.isEmpty, let output = DistroFeedTestSupport.python(Self.oracle, arguments: available.map(\.0))
        else { return }
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [Int]])
        for (path, source) in available {
            let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
            let records = try DebianAdvisoryListParser(source: source).parse(FeedDocument(path: path, bytes: bytes))
            let affected = records.advisories.flatMap(\.affected)
            let entries = Set(records.advisories.flatMap { $0.related.isEmpty ? [$0.id] : $0.related }).count
            let counts = [
                entries, records.advisories.count, records.advisories.reduce(0) { $0 + $1.related.count },
                affected.filter { $0.status == .affected && !$0.ranges.isEmpty }.count,
                affected.filter { $0.status == .notAffected }.count,
                affected.filter { $0.status == .endOfLife }.count,
                affected.filter { $0.status == .notFixed }.count,
                records.skipped.count,
            ]
            #expect(counts == expected[path], "\(path)")
            #expect(records.advisories.allSatisfy { $0.source == source && $0.published?.count == 10 })
        }
    }

    @Test func realEntriesCheckedByHand() throws {
        guard let bytes = DistroFeedTestSupport.corpusBytes("vulndb/debian-security-tracker/DLA-list.txt") else {
            return
        }
        let records = try DebianAdvisoryListParser(source: "debian-dla").parse(
            FeedDocument(path: "DLA-list.txt", bytes: bytes)
        )
        // [01 Apr 2023] DLA-3380-1 firmware-nonfree - security update / {CVE-2020-12362 …}
        // [buster] - firmware-nonfree 20190114+really20220913-0+deb10u1
        let firmware = try #require(records.advisories.first { $0.id == "CVE-2020-12362" })
        #expect(firmware.related == ["DLA-3380-1"])
        #expect(firmware.published == "2023-04-01")
        #expect(firmware.summary == "firmware-nonfree - security update")
        #expect(
            firmware.affected == [
                AffectedPackage(
                    key: PackageKey(ecosystem: .debian, release: "buster", name: "firmware-nonfree"),
                    ranges: [
                        AffectedRange(
                            kind: .ecosystem,
                            events: [.introduced("0"), .fixed("20190114+really20220913-0+deb10u1")]
                        )
                    ]
                )
            ]
        )
        // [24 Mar 2023] DLA-3366-1 tzdata - new timezone database (no CVE: the DLA is the id)
        let tzdata = try #require(records.advisories.first { $0.id == "DLA-3366-1" })
        #expect(tzdata.related.isEmpty)
        #expect(tzdata.affected.first?.ranges.first?.fixedVersions == ["2021a-0+deb10u10"])
        // CVE-2023-25751 is fixed by both DLA-3365-1 (thunderbird) and DLA-3364-1 (firefox-esr).
        let shared = try #require(records.advisories.first { $0.id == "CVE-2023-25751" })
        #expect(Set(shared.related).isSuperset(of: ["DLA-3365-1", "DLA-3364-1"]))
        #expect(Set(shared.affected.map(\.key.name)).isSuperset(of: ["thunderbird", "firefox-esr"]))
    }

    @Test func tagsAndNotesInDSAList() throws {
        guard let bytes = DistroFeedTestSupport.corpusBytes("vulndb/debian-security-tracker/DSA-list.txt") else {
            return
        }
        let records = try DebianAdvisoryListParser(source: "debian-dsa").parse(
            FeedDocument(path: "DSA-list.txt", bytes: bytes)
        )
        // "[lenny] - vlc <not-affected> (Vulnerable code not present)"
        let vlc = records.advisories.flatMap(\.affected).filter {
            $0.key == PackageKey(ecosystem: .debian, release: "lenny", name: "vlc")
        }
        #expect(vlc.contains { $0.status == .notAffected && $0.ranges.isEmpty })
        // "[woody] - kernel-image-2.4.17-ia64 kernel-image-2.4.17-ia64": the version is not a version.
        #expect(records.skipped.count == 1)
        #expect(records.skipped.first?.contains("kernel-image-2.4.17-ia64") == true)
        // "[wheezy] - curl  7.26.0-1+wheezy5" (two spaces)
        #expect(
            records.advisories.flatMap(\.affected).contains {
                $0.key.release == "wheezy" && $0.key.name == "curl"
                    && $0.ranges.first?.fixedVersions == ["7.26.0-1+wheezy5"]
            }
        )
    }

    @Test func syntheticTagsRejectedAndWithdrawn() throws {
        let text = """
            [05 Jan 2024] DSA-9999-1 foo - REJECTED
            \t{CVE-2024-0001}
            \t[bookworm] - foo <unfixed>
            \t[bullseye] - foo <end-of-life>
            \t[buster] - foo <no-dsa>
            \t[stretch] - foo <ignored> (minor)
            \t[jessie] - foo <frobnicated>
            \tNOTE: anything at all
            [04 Jan 2024] DSA-9998-1 bar - security update

            [3 Jan 2024] DSA-9997-1 baz - security update
            \t{CVE-2024-0001 CVE-2024-0002}
            """
        let records = try DebianAdvisoryListParser(source: "debian-dsa").parse(
            FeedDocument(path: "list", bytes: Array(text.utf8))
        )
        #expect(records.advisories.map(\.id) == ["CVE-2024-0001", "DSA-9998-1", "CVE-2024-0002"])
        let first = records.advisories[0]
        #expect(first.withdrawn == "2024-01-05")
        #expect(first.related == ["DSA-9999-1", "DSA-9997-1"])
        #expect(first.published == "2024-01-03")
        #expect(first.affected.map(\.status) == [.notFixed, .endOfLife, .notFixed, .willNotFix])
        #expect(records.skipped.count == 1)
        #expect(records.advisories[1].affected.isEmpty)
    }

    @Test(arguments: [
        ("\t{CVE-2024-1}\n", "line 1"),
        ("[01 Jan 2024] DSA-1-1 a - b\nstray text\n", "line 2"),
        ("[01 Jan 2024] DSA-1-1 a - b\n\t[sid] foo 1.0\n", "line 2"),
        ("[01 Jan 2024] DSA-1-1 a - b\n\t{CVE-2024-1\n", "'}'"),
        ("[01 Jan 2024 DSA-1-1 a - b\n", "']'"),
        ("[01 Jan 2024] DSA-1-1 a - b\n\twhat is this\n", "unrecognised"),
    ])
    func malformedLinesAreNamed(input: String, fragment: String) {
        do {
            _ = try DebianAdvisoryListParser(source: "s").parse(
                FeedDocument(path: "DSA/list", bytes: Array(input.utf8))
            )
            Issue.record("accepted malformed input")
        } catch {
            #expect(error.kind == .malformed && error.path == "DSA/list")
            #expect(error.reason.contains(fragment), "\(error.reason)")
        }
    }

    @Test func fuzzedListsNeverCrash() {
        guard let bytes = DistroFeedTestSupport.corpusBytes("vulndb/debian-security-tracker/DLA-list.txt") else {
            return
        }
        let parser = DebianAdvisoryListParser(source: "fuzz")
        let rejected = DistroFeedTestSupport.fuzz(
            parser,
            bytes: Array(bytes.prefix(20_000)),
            path: "list",
            seed: 21,
            rounds: 400
        )
        #expect(rejected > 0)
    }

    @Test func throughputOverBothLists() throws {
        let documents = Self.files.compactMap { file in
            DistroFeedTestSupport.corpusBytes(file.0).map { (FeedDocument(path: file.0, bytes: $0), file.1) }
        }
        guard !documents.isEmpty else { return }
        let clock = ContinuousClock()
        var records = 0
        let elapsed = try clock.measure {
            for (document, source) in documents {
                records += try DebianAdvisoryListParser(source: source).parse(document).advisories
                    .reduce(0) { $0 + max(1, $1.affected.count) }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("debian DSA+DLA lists: \(records) records in \(seconds)s = \(Int(Double(records) / seconds)) records/s")
        #expect(records > 10_000)
    }
}
