import TestSupport
import Testing
import VersionKit

@Suite struct SemanticVersionTests {
    private func v(_ text: String) throws -> SemanticVersion { try SemanticVersion(parsing: text) }

    @Test func specificationExample() throws {
        let sorted = [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0",
        ]
        for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(try v(a) < v(b), "\(a) < \(b)") }
        #expect(try v("v1.2.3+build") == v("1.2.3+other"))
        #expect(try v("1.2.3-a.10") > v("1.2.3-a.9"))
        #expect(try v("1.2.3-R2") < v("1.2.3-r100"))
        #expect(try v("99999999999999999999999.0.0") > v("9999999999999999999999.0.0"))
    }

    @Test func invalidVersionsThrow() {
        for text in [
            "", "1", "1.2", "1.2.3.4", "01.2.3", "1.2.3-01", "1.2.3-", "1.2.3+", "1.2.3-a..b", "1.2.3-é", "vv1.2.3",
            " 1.2.3",
        ] {
            #expect(throws: VersionParseError.self, "\(text)") { try SemanticVersion(parsing: text) }
        }
    }

    @Test func fuzzNeverCrashes() {
        var random = LanguageVersionRandom(seed: 0x5E4)
        let alphabet = Array("0123456789.-+vVaZ- \u{A0}é🙂")
        for _ in 0..<20_000 {
            let text = String((0..<random.next(upTo: 14)).map { _ in alphabet[random.next(upTo: alphabet.count)] })
            if let version = try? SemanticVersion(parsing: text) {
                #expect((try? SemanticVersion(parsing: version.description)) == version)
            }
        }
    }

    @Test func corpusOrdering() throws {
        guard let rows = OrderingFixture.corpusRows("semver-versions.txt") else {
            if Corpus.integrationRequired { Issue.record("corpus file semver-versions.txt missing") }
            print("skipping semver-versions.txt: corpus missing")
            return
        }
        var failures: [String] = []
        var checked = 0
        var lenient: [String] = []
        for row in rows where !row.lhs.hasPrefix("//") {
            // osv-scalibr's "semantic" SemVer is lenient (`1.1.3.4.5`, a bare `999…1`); strict SemVer 2.0.0 and
            // semantic_version (univers' engine) reject those, so such rows are skipped, not failed.
            guard let lhs = try? v(row.lhs), let rhs = try? v(row.rhs) else {
                lenient.append(row.description)
                continue
            }
            checked += 1
            let actual: OrderingFixture.Relation = lhs < rhs ? .less : (rhs < lhs ? .greater : .equal)
            if actual != row.relation { failures.append("\(row): got \(actual.rawValue)") }
        }
        print("semver-versions.txt: \(checked) rows checked, \(lenient.count) non-SemVer rows skipped: \(lenient)")
        #expect(failures.count == 0, "\(failures.count)/\(checked) failed: \(failures.prefix(5))")
        #expect(checked > 50 && lenient.count < 10)
    }

    @Test func orderLaws() throws {
        var random = LanguageVersionRandom(seed: 11)
        let sorted = (0..<300).compactMap { _ in try? v(SemVerGenerator.version(&random)) }.sorted()
        for (index, a) in sorted.enumerated() {
            #expect(a == a && !(a < a))
            for b in sorted[index...].prefix(40) {
                #expect(!(b < a), "\(a) \(b)")
                #expect((a == b) == (!(a < b) && !(b < a)))
            }
        }
        for (a, (b, c)) in zip(sorted, zip(sorted.dropFirst(), sorted.dropFirst(2))) where a < b && b < c {
            #expect(a < c)
        }
    }

    /// ≥ 100 000 pairs against univers' `SemverVersion` (semantic_version's strict parser for validity).
    @Test func differentialAgainstUnivers() throws {
        let disagreements = try SemVerDifferential.run(
            oracle: "semver",
            seed: 0x5E_4D1F,
            prefix: { random in random.next(upTo: 6) == 0 ? "v" : "" }
        ) { text in
            guard let a = try? SemanticVersion(parsing: text) else { return nil }
            return { other in
                guard let b = try? SemanticVersion(parsing: other) else { return nil }
                return a < b ? "<" : (b < a ? ">" : "=")
            }
        }
        if let disagreements { #expect(disagreements.count == 0, "\(disagreements.count): \(disagreements.prefix(8))") }
    }
}

/// Seeded random SemVer strings and the batch differential runner shared with the Go tests.
enum SemVerGenerator {
    static func number(_ random: inout LanguageVersionRandom) -> String {
        switch random.next(upTo: 30) {
        case 0: "123456789012345678901234567890"
        case 1: "01"
        case 2: String(random.next(upTo: 100_000))
        default: String(random.next(upTo: 4))
        }
    }

    static func identifier(_ random: inout LanguageVersionRandom) -> String {
        let words = [
            "alpha", "beta", "rc", "a", "b", "A", "Z", "x-y", "-", "0a", "1", "2", "10", "11", "0", "r2",
            "R2", "20191109021931-daa7c04131f5",
        ]
        return random.next(upTo: 3) == 0 ? number(&random) : words[random.next(upTo: words.count)]
    }

    static func version(_ random: inout LanguageVersionRandom, prefix: String = "") -> String {
        var text = prefix + "\(number(&random)).\(number(&random)).\(number(&random))"
        if random.next(upTo: 2) == 0 {
            text += "-" + (0...random.next(upTo: 3)).map { _ in identifier(&random) }.joined(separator: ".")
        }
        if random.next(upTo: 5) == 0 {
            // Go accepts only `+incompatible`, so use it most of the time there.
            if prefix == "v" && random.next(upTo: 4) != 0 {
                text += "+incompatible"
            } else {
                text += "+" + (0...random.next(upTo: 2)).map { _ in identifier(&random) }.joined(separator: ".")
            }
        }
        if random.next(upTo: 40) == 0 { text = String(text.dropLast()) }
        if random.next(upTo: 40) == 0 { text += [".", "-", "+", "..1", ".4"][random.next(upTo: 5)] }
        return text
    }
}

enum SemVerDifferential {
    /// Generates ≥ 100 000 pairs (corpus versions + seeded ones), asks python3/univers once, and returns the
    /// disagreements; nil when univers is not installed (skipped, or recorded as an issue in integration runs).
    static func run(
        oracle: String,
        seed: UInt64,
        prefix: (inout LanguageVersionRandom) -> String,
        ours: (String) -> ((String) -> String?)?
    ) throws -> [String]? {
        let probe = try? runProcessBlocking(["python3", "-c", "import univers.versions, semantic_version"])
        guard probe?.status == 0 else {
            if Corpus.integrationRequired { Issue.record("python3 with 'univers' is required (pip install univers)") }
            print("skipping \(oracle) differential: univers not installed (pip install univers)")
            return nil
        }
        var random = LanguageVersionRandom(seed: seed)
        var pool: [String] = []
        for row in OrderingFixture.corpusRows("semver-versions.txt") ?? [] where !row.lhs.hasPrefix("//") {
            pool.append(prefix(&random) + row.lhs.drop { $0 == "v" })
            pool.append(prefix(&random) + row.rhs.drop { $0 == "v" })
        }
        for _ in 0..<5_000 { pool.append(SemVerGenerator.version(&random, prefix: prefix(&random))) }
        var pairs: [(String, String)] = []
        for _ in 0..<170_000 {
            let a = pool[random.next(upTo: pool.count)]
            var b = pool[random.next(upTo: pool.count)]
            if random.next(upTo: 3) == 0, let dash = a.firstIndex(of: "-") {
                b = String(a[..<dash]) + "-" + SemVerGenerator.identifier(&random)  // same core, other pre-release
            }
            pairs.append((a, b))
        }
        let script = """
            import sys
            import semantic_version
            from univers.versions import SemverVersion, GolangVersion
            mode = sys.argv[1]
            def p(s):
                core = s
                if mode == "go":
                    if not s.startswith("v"): return None
                    core = s[1:]
                elif s[:1] in ("v", "V"):
                    core = s[1:]
                try: strict = semantic_version.Version(core)
                except ValueError: return None
                if mode == "go":
                    if strict.build not in ((), ("incompatible",)): return None
                    return GolangVersion(s)
                return SemverVersion(core)
            out = []
            for line in sys.stdin.read().split("\\n"):
                if not line: continue
                a, b = line.split("\\t")
                x, y = p(a), p(b)
                if x is None or y is None:
                    out.append("%d%d" % (x is not None, y is not None))
                else:
                    out.append("<" if x < y else (">" if x > y else "="))
            print("\\n".join(out))
            """
        let input = pairs.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n") + "\n"
        let result = try runProcessBlocking(["python3", "-c", script, oracle], stdin: input)
        try #require(result.status == 0, "python3 failed: \(result.stderr)")
        let answers = result.stdout.split(separator: "\n").map(String.init)
        try #require(answers.count == pairs.count)
        var disagreements: [String] = []
        var compared = 0
        for ((a, b), expected) in zip(pairs, answers) {
            let actual: String
            if let comparator = ours(a), let relation = comparator(b) {
                compared += 1
                actual = relation
            } else {
                let aValid = ours(a) != nil, bValid = ours(b) != nil
                actual = "\(aValid ? 1 : 0)\(bValid ? 1 : 0)"
            }
            if actual != expected { disagreements.append("'\(a)' vs '\(b)': univers \(expected), ours \(actual)") }
        }
        print(
            "\(oracle) differential: \(pairs.count) pairs, \(compared) both valid, \(disagreements.count) disagreements"
        )
        #expect(compared >= 100_000)
        return disagreements
    }
}
