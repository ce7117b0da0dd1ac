import AdvisoryFeeds
import AdvisoryModel
import Foundation
import TestSupport
import Testing

struct AlpineSecDBParserTests {
    static let yamlFiles: [String] = ["v3.3", "v3.4", "v3.5", "v3.6", "v3.7", "v3.8", "v3.9", "v3.10", "v3.11"]
        .flatMap { ["vulndb/alpine-secdb-2020/\($0)/main.yaml", "vulndb/alpine-secdb-2020/\($0)/community.yaml"] }

    static let vulnListFiles: [String] = ["3.10", "3.11"].flatMap { release in
        ["apk-tools", "busybox", "musl", "openssl"].map {
            "vulndb/alpine-secdb-vuln-list-subset/\(release)-main-\($0).json"
        }
    }

    /// Independent count with PyYAML: advisories (distinct ids), affected (distinct id+package),
    /// not-affected pairs (listed only under "0"), and version keys APK ordering rejects.
    static let oracle = #"""
        import sys, re, json, yaml
        ver = re.compile(r'^[0-9]+(\.[0-9]+)*[a-z]?(_(alpha|beta|pre|rc|cvs|svn|git|hg|p)[0-9]*)*(-r[0-9]+)?$')
        cve = re.compile(r'^CVE[-_]([0-9]{4})-([0-9]{4,})')
        other = re.compile(r'^[A-Z]{2,10}-[A-Za-z0-9][A-Za-z0-9-]*$')
        def ids(entry):
            out = []
            for t in entry.split():
                t = t.strip(',;:()[]')
                m = cve.match(t)
                if m: i = 'CVE-%s-%s' % (m.group(1), m.group(2))
                elif other.match(t) and any(c.isdigit() for c in t.split('-', 1)[1]): i = t
                else: continue
                if i not in out: out.append(i)
            return out
        result = {}
        for path in sys.argv[1:]:
            text = open(path).read()
            d = json.loads(text) if text.lstrip().startswith('{') else yaml.load(text, Loader=yaml.BaseLoader)
            pkgs = [p['pkg'] for p in d['packages']] if 'packages' in d else [d]
            pairs = {}
            bad = 0
            for p in pkgs:
                for v, entries in (p.get('secfixes') or {}).items():
                    if v != '0' and not ver.match(v):
                        bad += 1
                        continue
                    for e in entries or []:
                        for i in ids(e or ''):
                            pairs.setdefault((i, p['name']), set()).add(v)
            result[path] = [len({i for i, _ in pairs}), len(pairs), sum(1 for v in pairs.values() if v == {'0'}), bad]
        print(json.dumps(result))
        """#

    @Test func countsMatchAnIndependentPythonParseOfEveryCorpusFile() throws {
        let paths = (Self.yamlFiles + Self.vulnListFiles).compactMap { DistroFeedTestSupport.corpusPath($0) }
        guard !paths.isEmpty, let output = DistroFeedTestSupport.python(Self.oracle, arguments: paths) else { return }
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [Int]]
        )
        let parser = AlpineSecDBParser(source: "alpine-secdb")
        var totalAdvisories = 0
        for path in paths {
            let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
            let records = try parser.parse(FeedDocument(path: path, bytes: bytes))
            let affected = records.advisories.flatMap(\.affected)
            let counts = [
                records.advisories.count, affected.count, affected.filter { $0.status == .notAffected }.count,
                records.skipped.filter { $0.contains("unparsable APK version") }.count,
            ]
            #expect(counts == expected[path], "\(path)")
            totalAdvisories += records.advisories.count
            // alpine-secdb-2020/v3.11/main.yaml or alpine-secdb-vuln-list-subset/3.11-main-musl.json
            let components = path.split(separator: "/")
            let expectedRelease =
                path.contains("alpine-secdb-2020")
                ? String(components[components.count - 2].dropFirst())
                : String(components[components.count - 1].prefix { $0 != "-" })
            #expect(affected.allSatisfy { $0.key.release == expectedRelease && $0.key.ecosystem == .alpine })
            #expect(records.advisories.allSatisfy { $0.source == "alpine-secdb" })
        }
        #expect(totalAdvisories > 5000)
    }

    @Test func realEntriesCheckedByHand() throws {
        guard let bytes = DistroFeedTestSupport.corpusBytes("vulndb/alpine-secdb-2020/v3.11/main.yaml") else { return }
        let records = try AlpineSecDBParser(source: "alpine-secdb").parse(
            FeedDocument(path: "v3.11/main.yaml", bytes: bytes)
        )
        // ansible: 2.9.3-r0: [CVE-2019-14904, CVE-2019-14905]
        let ansible = try #require(records.advisories.first { $0.id == "CVE-2019-14904" })
        #expect(
            ansible.affected == [
                AffectedPackage(
                    key: PackageKey(ecosystem: .alpine, release: "3.11", name: "ansible"),
                    ranges: [AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed("2.9.3-r0")])]
                )
            ]
        )
        // busybox lists CVE-2019-5747 under 1.30.1-r2 and 1.29.3-r10: the lowest is the fix.
        let busybox = try #require(records.advisories.first { $0.id == "CVE-2019-5747" })
        #expect(busybox.affected.first { $0.key.name == "busybox" }?.ranges.first?.fixedVersions == ["1.29.3-r10"])
        // xen entries carry "CVE-2016-10013 XSA-204": both ids are advisories.
        let xsa = try #require(records.advisories.first { $0.id == "XSA-204" })
        #expect(xsa.affected.map(\.key.name) == ["xen"])
        #expect(records.advisories.contains { $0.id == "CVE-2016-10013" })
    }

    @Test func apkOrderingPicksTheLowestFixAcrossPatchSuffixes() throws {
        guard let bytes = DistroFeedTestSupport.corpusBytes("vulndb/alpine-secdb-2020/v3.7/main.yaml") else { return }
        let records = try AlpineSecDBParser(source: "alpine-secdb").parse(
            FeedDocument(path: "v3.7/main.yaml", bytes: bytes)
        )
        // bind: 9.11.3-r0 and 9.11.2_p1-r0 both list CVE-2017-3145; _p1 sorts before 9.11.3.
        let bind = try #require(records.advisories.first { $0.id == "CVE-2017-3145" })
        #expect(bind.affected.first { $0.key.name == "bind" }?.ranges.first?.fixedVersions == ["9.11.2_p1-r0"])
        // musl 1.1.18-r4 fixes CVE-2019-14697 in 3.7 (see the corpus manifest).
        let musl = try #require(records.advisories.first { $0.id == "CVE-2019-14697" })
        #expect(musl.affected.first?.ranges.first?.fixedVersions == ["1.1.18-r4"])
        #expect(musl.affected.first?.key.release == "3.7")
    }

    @Test func vulnListPerPackageJSON() throws {
        guard
            let bytes = DistroFeedTestSupport.corpusBytes("vulndb/alpine-secdb-vuln-list-subset/3.11-main-busybox.json")
        else { return }
        let records = try AlpineSecDBParser(source: "vuln-list").parse(FeedDocument(path: "busybox.json", bytes: bytes))
        let notAffected = try #require(records.advisories.first { $0.id == "CVE-2021-42373" })
        #expect(notAffected.affected.map(\.status) == [.notAffected])
        #expect(notAffected.affected.first?.ranges.isEmpty == true)
        #expect(notAffected.affected.first?.key == PackageKey(ecosystem: .alpine, release: "3.11", name: "busybox"))
        let fixed = try #require(records.advisories.first { $0.id == "CVE-2021-28831" })
        #expect(fixed.affected.first?.ranges.first?.fixedVersions == ["1.31.1-r10"])
    }

    @Test func currentSecDBJSONMergesIdsAndSkipsBadVersions() throws {
        let json = """
            {"apkurl":"{{urlprefix}}/{{distroversion}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk",
             "archs":["x86_64"],"reponame":"main","urlprefix":"https://dl-cdn.alpinelinux.org/alpine",
             "distroversion":"v3.20",
             "packages":[
              {"pkg":{"name":"xen","secfixes":{"4.18.0-r2":["CVE-2023-46835 XSA-445","CVE-2023-46836"],
                                              "4.17.2-r0":["CVE-2023-46836"],
                                              "0":["CVE-2022-0001"]}}},
              {"pkg":{"name":"openssl","secfixes":{"3.1.4-r0":["CVE-2023-46836","see upstream"],
                                                  "3.x-weird":["CVE-2024-0001"],
                                                  "0":["CVE-2023-46836"]}}}
             ]}
            """
        let records = try AlpineSecDBParser(source: "alpine-secdb").parse(
            FeedDocument(path: "v3.20/main.json", bytes: Array(json.utf8))
        )
        #expect(records.advisories.map(\.id) == ["CVE-2023-46835", "XSA-445", "CVE-2023-46836", "CVE-2022-0001"])
        let merged = try #require(records.advisories.first { $0.id == "CVE-2023-46836" })
        #expect(merged.affected.map(\.key.name) == ["xen", "openssl"])
        #expect(merged.affected.map { $0.ranges.first?.fixedVersions ?? [] } == [["4.17.2-r0"], ["3.1.4-r0"]])
        #expect(merged.affected.allSatisfy { $0.status == .affected && $0.key.release == "3.20" })
        let never = try #require(records.advisories.first { $0.id == "CVE-2022-0001" })
        #expect(never.affected.map(\.status) == [.notAffected])
        #expect(records.skipped.count == 2)
        #expect(records.skipped.contains { $0.contains("3.x-weird") })
        #expect(records.skipped.contains { $0.contains("see upstream") })
    }

    @Test func wolfiSecurityJSONHasNoRelease() throws {
        let json = """
            {"apkurl":"{{urlprefix}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk","archs":["x86_64","aarch64"],
             "reponame":"os","urlprefix":"https://packages.wolfi.dev",
             "packages":[{"pkg":{"name":"glibc","secfixes":{"2.38-r2":["CVE-2023-4911","GHSA-m77w-6vjw-wh2f"]}}}]}
            """
        let records = try AlpineSecDBParser(ecosystem: .wolfi, source: "wolfi").parse(
            FeedDocument(path: "security.json", bytes: Array(json.utf8))
        )
        #expect(records.advisories.map(\.id) == ["CVE-2023-4911", "GHSA-m77w-6vjw-wh2f"])
        let key = try #require(records.advisories.first?.affected.first?.key)
        #expect(key == PackageKey(ecosystem: .wolfi, release: nil, name: "glibc"))
        #expect(records.advisories.allSatisfy { $0.source == "wolfi" })
    }

    @Test(arguments: [
        ("[1,2]", "not an object"),
        ("{\"packages\": 3}", "\"packages\" is not an array"),
        ("{\"packages\": [{\"pkg\": {\"secfixes\": {}}}]}", "packages[0].pkg.name"),
        ("{\"packages\": [{\"pkg\": {\"name\": \"a\", \"secfixes\": {\"1-r0\": \"CVE-1\"}}}]}", "secfixes[\"1-r0\"]"),
        ("{\"packages\": [{\"nopkg\": 1}]}", "packages[0]"),
        ("{\"distroversion\": 3.1, \"packages\": []}", "distroversion"),
        ("packages:\n  - pkg:\n      secfixes: {}\n", "packages[0].pkg.name"),
        ("packages: 12\n", "\"packages\" is not a sequence"),
        ("- a\n- b\n", "not a mapping"),
        ("packages: [\n", "YAML"),
    ])
    func malformedInputNamesTheField(input: String, fragment: String) {
        do {
            let records = try AlpineSecDBParser(source: "s").parse(
                FeedDocument(path: "bad.feed", bytes: Array(input.utf8))
            )
            Issue.record("accepted malformed input: \(records.advisories)")
        } catch {
            #expect(error.kind == .malformed)
            #expect(error.path == "bad.feed")
            #expect(error.reason.contains(fragment), "\(error.reason)")
        }
    }

    @Test func fuzzedCorpusFilesNeverCrash() {
        let parser = AlpineSecDBParser(source: "fuzz")
        if let yaml = DistroFeedTestSupport.corpusBytes("vulndb/alpine-secdb-2020/v3.4/main.yaml") {
            let rejected = DistroFeedTestSupport.fuzz(
                parser,
                bytes: Array(yaml.prefix(6000)),
                path: "main.yaml",
                seed: 11,
                rounds: 300
            )
            #expect(rejected > 0)
        }
        if let json = DistroFeedTestSupport.corpusBytes("vulndb/alpine-secdb-vuln-list-subset/3.11-main-openssl.json") {
            let rejected = DistroFeedTestSupport.fuzz(parser, bytes: json, path: "openssl.json", seed: 12, rounds: 600)
            #expect(rejected > 0)
        }
        var random = SplitMix64(seed: 13)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            _ = try? parser.parse(FeedDocument(path: "random", bytes: bytes))
        }
    }

    @Test func throughputOverAllYAMLFiles() throws {
        let files = Self.yamlFiles.compactMap { relative in
            DistroFeedTestSupport.corpusBytes(relative).map { FeedDocument(path: relative, bytes: $0) }
        }
        guard !files.isEmpty else { return }
        let parser = AlpineSecDBParser(source: "alpine-secdb")
        let clock = ContinuousClock()
        var records = 0
        let elapsed = try clock.measure {
            for file in files { records += try parser.parse(file).advisories.reduce(0) { $0 + $1.affected.count } }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "alpine secdb YAML: \(records) affected records in \(seconds)s = \(Int(Double(records) / seconds)) records/s"
        )
        #expect(records > 5000)
    }

    @Test func deeplyNestedInputIsRejectedWithoutCrashing() {
        let unclosed = ["[", "{", "- "].map { "packages: " + String(repeating: $0, count: 50_000) }
        let closed = "packages: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        for text in unclosed + [closed] {
            #expect(throws: FeedError.self) {
                try AlpineSecDBParser(source: "s").parse(FeedDocument(path: "deep.yaml", bytes: Array(text.utf8)))
            }
        }
        let json = String(repeating: "[", count: 50_000)
        #expect(throws: FeedError.self) {
            try AlpineSecDBParser(source: "s").parse(FeedDocument(path: "deep.json", bytes: Array(json.utf8)))
        }
    }
}
