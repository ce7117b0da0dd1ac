import AdvisoryFeeds
import AdvisoryModel
import Foundation
import TestSupport
import Testing

@Suite struct OSVCorpusTests {
    static let feeds = [
        "vulndb/osv/pypi-pypa-advisory-database.tar.gz", "vulndb/osv/go-vulndb-osv.tar.gz",
        "vulndb/osv/crates-rustsec-osv.tar.gz",
    ]

    /// Parses every accepted document of an archive; returns advisories by document path, notes,
    /// and errors.
    static func parseAll(_ bytes: [UInt8], path: String, parser: OSVParser) -> (
        byPath: [String: [Advisory]], skipped: [String], errors: [FeedError], documents: Int
    ) {
        var byPath: [String: [Advisory]] = [:]
        var skipped: [String] = []
        var errors: [FeedError] = []
        var documents = 0
        do throws(FeedError) {
            try FeedArchive.documents(in: bytes, path: path) { document in
                guard parser.accepts(path: document.path) else { return }
                documents += 1
                do throws(FeedError) {
                    let records = try parser.parse(document)
                    byPath[document.path] = records.advisories
                    skipped += records.skipped
                } catch {
                    errors.append(error)
                }
            }
        } catch {
            errors.append(error)
        }
        return (byPath, skipped, errors, documents)
    }

    @Test(arguments: feeds)
    func everyCorpusRecordParses(relative: String) throws {
        guard let bytes = FeedTestSupport.corpusBytes(relative), FeedTestSupport.pythonAvailable(yaml: true),
            let path = Corpus.path(relative)
        else { return }
        let result = Self.parseAll(bytes, path: relative, parser: OSVParser(source: "osv"))
        #expect(result.errors.isEmpty, "\(result.errors.prefix(5))")
        let expected = try FeedTestSupport.python(
            #"""
            import tarfile, sys
            t = tarfile.open(sys.argv[1])
            print(sum(1 for m in t if m.isreg() and (m.name.endswith('.json') or m.name.endswith('.yaml'))))
            """#,
            [path]
        )
        let count = result.byPath.values.reduce(0) { $0 + $1.count }
        #expect(count == Int(expected.trimmingCharacters(in: .whitespacesAndNewlines)))
        let dropped = result.skipped.filter { $0.contains("range dropped") }
        print("\(relative): \(count) records, \(result.skipped.count) notes, \(dropped.count) ranges dropped")
        for note in result.skipped.prefix(15) { print("  \(note)") }
    }

    /// About 20 records checked field by field against python3's own json/yaml reading.
    @Test func recordsMatchPythonFieldByField() throws {
        guard FeedTestSupport.pythonAvailable(yaml: true) else { return }
        let script = #"""
            import tarfile, sys, json, yaml
            t = tarfile.open(sys.argv[1])
            names = sorted(m.name for m in t if m.isreg() and (m.name.endswith('.json') or m.name.endswith('.yaml')))
            step = max(1, len(names) // 7)
            for name in names[::step][:7]:
                raw = t.extractfile(name).read()
                d = yaml.safe_load(raw) if name.endswith('.yaml') else json.loads(raw)
                aff = d.get('affected') or []
                print(json.dumps({
                  'path': name, 'id': d['id'], 'aliases': [a for a in (d.get('aliases') or []) if a != d['id']],
                  'packages': [a['package']['name'] for a in aff],
                  'ecosystems': [a['package']['ecosystem'] for a in aff],
                  'ranges': [len(a.get('ranges') or []) for a in aff],
                  'events': [len(r['events']) for a in aff for r in (a.get('ranges') or [])],
                  'fixed': [e['fixed'] for a in aff for r in (a.get('ranges') or []) for e in r['events'] if 'fixed' in e],
                  'versions': [len(a.get('versions') or []) for a in aff],
                  'withdrawn': 'withdrawn' in d,
                }))
            """#
        var checked = 0
        for relative in Self.feeds {
            guard let bytes = FeedTestSupport.corpusBytes(relative), let path = Corpus.path(relative) else { return }
            let parsed = Self.parseAll(bytes, path: relative, parser: OSVParser(source: "osv"))
            for line in try FeedTestSupport.python(script, [path]).split(separator: "\n") {
                let facts = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let name = try #require(facts["path"] as? String)
                let advisory = try #require(parsed.byPath["\(relative)!/\(name)"]?.first, "\(name) missing")
                #expect(advisory.id == facts["id"] as? String)
                #expect(advisory.aliases == facts["aliases"] as? [String], "\(name)")
                let names = try #require(facts["packages"] as? [String])
                let ecosystems = try #require(facts["ecosystems"] as? [String])
                let keys = zip(ecosystems, names).compactMap { ecosystem, name in
                    Ecosystem.parseOSV(ecosystem).map {
                        PackageKey(ecosystem: $0.ecosystem, release: $0.release, name: name)
                    }
                }
                #expect(advisory.affected.map(\.key) == keys, "\(name)")
                #expect(advisory.affected.map(\.ranges.count) == facts["ranges"] as? [Int], "\(name)")
                #expect(advisory.affected.flatMap(\.ranges).map(\.events.count) == facts["events"] as? [Int])
                #expect(advisory.affected.flatMap(\.ranges).flatMap(\.fixedVersions) == facts["fixed"] as? [String])
                #expect(advisory.affected.map(\.versions.count) == facts["versions"] as? [Int])
                #expect((advisory.withdrawn != nil) == (facts["withdrawn"] as? Bool))
                checked += 1
            }
        }
        #expect(checked >= 20)
    }

    @Test func mutatedRecordsNeverCrash() throws {
        guard let bytes = FeedTestSupport.corpusBytes(Self.feeds[0]),
            let goBytes = FeedTestSupport.corpusBytes(Self.feeds[1])
        else { return }
        var samples: [FeedDocument] = []
        for (archive, path) in [(bytes, Self.feeds[0]), (goBytes, Self.feeds[1])] {
            var taken = 0
            try? FeedArchive.documents(in: archive, path: path) { document in
                if taken < 40, document.path.hasSuffix(".json") || document.path.hasSuffix(".yaml") {
                    samples.append(document)
                    taken += 1
                }
            }
        }
        #expect(samples.count == 80)
        let parser = OSVParser(source: "fuzz")
        var random = SplitMix64(seed: 7)
        var failures = 0
        var successes = 0
        for sample in samples {
            for round in 0..<25 {
                var mutated = sample.bytes
                switch round % 4 {
                case 0: mutated = Array(mutated.prefix(Int.random(in: 0...mutated.count, using: &random)))
                case 1:
                    for _ in 0..<4 where !mutated.isEmpty {
                        mutated[Int.random(in: 0..<mutated.count, using: &random)] = UInt8.random(
                            in: 0...255,
                            using: &random
                        )
                    }
                case 2:
                    let tokens = Array("{}[]\":,-0 ".utf8)
                    for _ in 0..<3 where !mutated.isEmpty {
                        mutated[Int.random(in: 0..<mutated.count, using: &random)] =
                            tokens.randomElement(
                                using: &random
                            ) ?? 0
                    }
                default:
                    if mutated.count > 2 {
                        let start = Int.random(in: 0..<(mutated.count - 1), using: &random)
                        let end = Int.random(in: start..<mutated.count, using: &random)
                        mutated.removeSubrange(start..<end)
                    }
                }
                do throws(FeedError) {
                    _ = try parser.parse(FeedDocument(path: sample.path, bytes: mutated))
                    successes += 1
                } catch {
                    #expect(error.path == sample.path)
                    failures += 1
                }
            }
        }
        #expect(failures > 0)
        #expect(successes + failures == samples.count * 25)
    }

    /// Prints records/s for the three feeds (decompression included). Not an assertion: run with
    /// `swift test -c release --filter OSVCorpusTests/throughput` for a meaningful number.
    @Test func throughput() throws {
        var archives: [(String, [UInt8])] = []
        for relative in Self.feeds {
            guard let bytes = FeedTestSupport.corpusBytes(relative) else { return }
            archives.append((relative, bytes))
        }
        let parser = OSVParser(source: "osv")
        let clock = ContinuousClock()
        var records = 0
        var jsonRecords = 0
        var jsonTime = Duration.zero
        let total = clock.measure {
            for (path, bytes) in archives {
                let start = clock.now
                let result = Self.parseAll(bytes, path: path, parser: parser)
                let n = result.byPath.values.reduce(0) { $0 + $1.count }
                records += n
                if !path.contains("pypi") {
                    jsonRecords += n
                    jsonTime += clock.now - start
                }
            }
        }
        let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
        let jsonSeconds = Double(jsonTime.components.seconds) + Double(jsonTime.components.attoseconds) / 1e18
        print(
            "OSV throughput: \(records) records in \(seconds) s = \(Int(Double(records) / seconds)) records/s; JSON feeds only: \(Int(Double(jsonRecords) / jsonSeconds)) records/s"
        )
        #expect(records > 0)
    }
}
