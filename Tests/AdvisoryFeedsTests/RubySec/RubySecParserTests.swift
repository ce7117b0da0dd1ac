import AdvisoryFeeds
import AdvisoryModel
import Foundation
import SecurityModel
import TestSupport
import Testing

@Suite struct RubySecParserTests {
    let parser = RubySecParser()

    private func parse(_ yaml: String) throws(FeedError) -> FeedRecords {
        try parser.parse(FeedDocument(path: "gems/rails/CVE-2020-1.yml", bytes: Array(yaml.utf8)))
    }

    @Test func idsAndFields() throws {
        let records = try parse(
            """
            ---
            gem: actionpack
            cve: 2020-8164
            ghsa: 8727-m6gj-mc37
            osvdb: 1234
            url: https://example.org/a
            title: Strong parameters bypass
            date: 2020-05-18
            description: |
              Long text.
            cvss_v3: 7.5
            patched_versions:
              - "~> 5.2.4, >= 5.2.4.3"
              - ">= 6.0.3.1"
            unaffected_versions:
              - "< 4.0.0"
            related:
              url:
                - https://example.org/b
            """
        )
        let advisory = try #require(records.advisories.first)
        #expect(advisory.id == "CVE-2020-8164")
        #expect(advisory.aliases == ["GHSA-8727-m6gj-mc37", "OSVDB-1234"])
        #expect(advisory.summary == "Strong parameters bypass")
        #expect(advisory.published == "2020-05-18")
        #expect(advisory.references == ["https://example.org/a", "https://example.org/b"])
        #expect(advisory.vendorSeverity == .high)
        let package = try #require(advisory.affected.first)
        #expect(package.key == PackageKey(ecosystem: .rubyGems, name: "actionpack"))
        #expect(package.ranges.first?.fixedVersions == ["5.2.4.3", "6.0.3.1"])
        // Checked by hand against the requirement strings.
        let expectations: [(String, Bool)] = [
            ("3.2.22", false), ("4.0.0", true), ("5.2.4", true), ("5.2.4.2", true), ("5.2.4.3", false),
            ("5.2.9", false), ("5.3.0.beta1", true), ("6.0.0", true), ("6.0.3", true), ("6.0.3.1", false),
            ("7.0.0", false),
        ]
        for (version, affected) in expectations {
            #expect((try package.verdict(for: version) != nil) == affected, "\(version)")
        }
        #expect(records.skipped.isEmpty)
    }

    @Test func idFallbacksAndMalformed() throws {
        let ghsaOnly = try parse("gem: x\nghsa: aaaa-bbbb-cccc\npatched_versions: ['>= 1']\n")
        #expect(ghsaOnly.advisories.first?.id == "GHSA-aaaa-bbbb-cccc")
        let osvdbOnly = try parse("gem: x\nosvdb: 99\n")
        #expect(osvdbOnly.advisories.first?.id == "OSVDB-99")
        // No patched or unaffected versions: every version is affected.
        #expect(try osvdbOnly.advisories.first?.affected.first?.verdict(for: "100.0") != nil)
        // Everything patched: nothing is affected.
        let none = try parse("gem: x\ncve: 2000-1\npatched_versions: ['>= 0']\n")
        #expect(try none.advisories.first?.affected.first?.verdict(for: "1.0") == nil)
        for bad in ["- a\n- b\n", "title: no gem\n", "gem: [1]\n", "gem: x\npatched_versions: '>= 1'\n", "gem: 'x\n"] {
            #expect(throws: FeedError.self) { try parse(bad) }
        }
        let badRequirement = try parse("gem: x\ncve: 2000-2\npatched_versions: ['>= not a version']\n")
        #expect(badRequirement.advisories.first?.affected.isEmpty == true)
        #expect(badRequirement.skipped.count == 1)
    }

    @Test func exclusiveLowerBoundIsApproximatedAndNoted() throws {
        let records = try parse("gem: x\ncve: 2000-3\nunaffected_versions: ['<= 1.0']\npatched_versions: ['>= 2.0']\n")
        let package = try #require(records.advisories.first?.affected.first)
        #expect(try package.verdict(for: "0.9") == nil)
        #expect(try package.verdict(for: "1.5") != nil)
        #expect(try package.verdict(for: "2.0") == nil)
        #expect(records.skipped.count == 1)
        #expect(records.skipped.first?.contains("1.0") == true)
    }

    /// For every real advisory, the range verdict equals Ruby's own `Gem::Requirement` evaluation
    /// of the requirement strings, over versions drawn from the advisories (and their neighbours).
    @Test func rangesAgreeWithRubyOnCorpus() throws {
        let relative = "vulndb/rubygems-rubysec-advisory-db.tar.gz"
        guard let bytes = FeedTestSupport.corpusBytes(relative), FeedTestSupport.pythonAvailable(yaml: true),
            FeedTestSupport.rubyAvailable(), let path = Corpus.path(relative)
        else { return }
        // python3 reads the requirement lists straight from the YAML.
        let listing = try FeedTestSupport.python(
            #"""
            import tarfile, sys, json, yaml
            t = tarfile.open(sys.argv[1])
            for m in t:
                parts = m.name.split('/')
                if not (m.isreg() and len(parts) >= 3 and parts[-3] == 'gems' and m.name.endswith('.yml')):
                    continue
                d = yaml.safe_load(t.extractfile(m).read())
                print(json.dumps({'path': m.name, 'gem': d['gem'],
                  'p': [str(x) for x in (d.get('patched_versions') or [])],
                  'u': [str(x) for x in (d.get('unaffected_versions') or [])]}))
            """#,
            [path]
        )
        struct Listing {
            var path: String
            var patched: [String]
            var unaffected: [String]
        }
        var listings: [Listing] = []
        for line in listing.split(separator: "\n") {
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            listings.append(
                Listing(
                    path: try #require(object["path"] as? String),
                    patched: object["p"] as? [String] ?? [],
                    unaffected: object["u"] as? [String] ?? []
                )
            )
        }
        var parsed: [String: (AffectedPackage?, [String])] = [:]
        var errors: [FeedError] = []
        var documents = 0
        do throws(FeedError) {
            try FeedArchive.documents(in: bytes, path: relative) { document in
                guard parser.accepts(path: document.path) else { return }
                documents += 1
                do throws(FeedError) {
                    let records = try parser.parse(document)
                    let name = String(document.path.dropFirst(relative.count + 2))
                    parsed[name] = (records.advisories.first?.affected.first, records.skipped)
                } catch {
                    errors.append(error)
                }
            }
        } catch {
            errors.append(error)
        }
        #expect(errors.isEmpty, "\(errors.prefix(3))")
        #expect(documents == listings.count)

        // Versions: every version named in the advisory's requirements, plus neighbours.
        var pairs: [(listing: Listing, version: String)] = []
        for listing in listings {
            var versions = Set<String>()
            for requirement in listing.patched + listing.unaffected {
                for clause in requirement.split(separator: ",") {
                    let version = clause.drop { "~<>=! ".contains($0) }.trimmingCharacters(in: .whitespaces)
                    guard !version.isEmpty else { continue }
                    versions.formUnion([version, "\(version).1", "\(version).rc1", "\(version)0"])
                    let parts = version.split(separator: ".")
                    if let major = parts.first.flatMap({ Int($0) }) {
                        versions.formUnion(["\(major + 1).0", "\(major).99", "\(major + 1).0.0.beta1"])
                    }
                    if parts.count >= 2, let minor = Int(parts[1]) { versions.insert("\(parts[0]).\(minor + 1).0.pre") }
                }
            }
            versions.formUnion(["0.0.1", "999.0"])
            for version in versions.sorted() { pairs.append((listing, version)) }
        }
        #expect(pairs.count >= 500)
        var input = ""
        for pair in pairs {
            let object: [String: Any] = ["p": pair.listing.patched, "u": pair.listing.unaffected, "v": pair.version]
            input += String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self) + "\n"
        }
        let ruby = #"""
            require 'json'
            req = ->(s) { Gem::Requirement.new(*s.split(',').map(&:strip)) }
            STDIN.each_line do |line|
              d = JSON.parse(line)
              begin
                v = Gem::Version.new(d['v'])
                safe = (d['p'] + d['u']).any? { |s| req.(s).satisfied_by?(v) }
                puts(safe ? '0' : '1')
              rescue ArgumentError
                puts 'E'
              end
            end
            """#
        let result = try runProcessBlocking(["ruby", "-e", ruby], stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        let answers = result.stdout.split(separator: "\n").map(String.init)
        try #require(answers.count == pairs.count)
        var compared = 0
        var disagreements: [String] = []
        var approximated = 0
        for (pair, answer) in zip(pairs, answers) where answer != "E" {
            guard let (package, notes) = parsed[pair.listing.path] else {
                disagreements.append("\(pair.listing.path) not parsed")
                continue
            }
            guard let package else { continue }
            let ours: Bool
            do {
                ours = try package.verdict(for: pair.version) != nil
            } catch {
                disagreements.append("\(pair.listing.path) \(pair.version): \(error)")
                continue
            }
            compared += 1
            if ours != (answer == "1") {
                // Only versions named by a noted approximation may differ.
                let bounds = notes.compactMap { note -> String? in
                    guard let start = note.range(of: "just above "), let end = note.range(of: ", widened") else {
                        return nil
                    }
                    return String(note[start.upperBound..<end.lowerBound])
                }
                if bounds.contains(where: { (try? VersionScheme.rubyGems.compare($0, pair.version)) == 0 }) {
                    approximated += 1
                } else {
                    disagreements.append("\(pair.listing.path) \(pair.version): ours \(ours), ruby \(answer)")
                }
            }
        }
        let noted = parsed.values.filter { !$0.1.isEmpty }
        print(
            "rubysec: \(compared) (advisory, version) pairs compared with ruby, \(approximated) at approximated bounds; \(noted.count) advisories with notes: \(noted.flatMap(\.1).prefix(20))"
        )
        #expect(compared >= 500)
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(10))")
    }

    @Test func mutatedAdvisoriesNeverCrash() throws {
        guard let bytes = FeedTestSupport.corpusBytes("vulndb/rubygems-rubysec-advisory-db.tar.gz") else { return }
        var samples: [FeedDocument] = []
        try? FeedArchive.documents(in: bytes, path: "rubysec.tar.gz") { document in
            if samples.count < 60, parser.accepts(path: document.path) { samples.append(document) }
        }
        #expect(samples.count == 60)
        var random = SplitMix64(seed: 11)
        for sample in samples {
            for round in 0..<15 {
                var mutated = sample.bytes
                if round % 2 == 0 {
                    mutated = Array(mutated.prefix(Int.random(in: 0...mutated.count, using: &random)))
                } else {
                    let tokens = Array("~<>=!,.-: \n'\"[]{}&*0a".utf8)
                    for _ in 0..<4 where !mutated.isEmpty {
                        mutated[Int.random(in: 0..<mutated.count, using: &random)] =
                            tokens.randomElement(using: &random) ?? 0
                    }
                }
                do throws(FeedError) {
                    _ = try parser.parse(FeedDocument(path: sample.path, bytes: mutated))
                } catch {
                    #expect(error.path == sample.path)
                }
            }
        }
    }
}
