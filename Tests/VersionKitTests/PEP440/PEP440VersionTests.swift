import TestSupport
import Testing
import VersionKit

@Suite struct PEP440VersionTests {
    private func v(_ text: String) throws -> PEP440Version { try PEP440Version(parsing: text) }

    @Test func normalisesSpellings() throws {
        #expect(try v("1.0a1") == v("1.0.0a1"))
        #expect(try v("1.0.post1") == v("1.0-1"))
        #expect(try v("1.0.post1") == v("1.0r1"))
        #expect(try v("V1.0RC1") == v("1.0c1"))
        #expect(try v("1.0alpha") == v("1.0a0"))
        #expect(try v(" 1.0.DEV ") == v("1.0.dev0"))
        #expect(try v("1!1.0").description == "1!1.0")
        #expect(try v("v1.0-preview-2.post-3-dev_4+Ubuntu-01").description == "1.0rc2.post3.dev4+ubuntu.1")
    }

    @Test func ordering() throws {
        let sorted = [
            "1.0.dev0", "1.0a0.dev1", "1.0a0", "1.0a1", "1.0b1", "1.0rc1", "1.0", "1.0+abc", "1.0+abc.1", "1.0+1",
            "1.0.post0.dev0", "1.0.post0", "1.0.post1", "1.1", "1!0.1",
        ]
        for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(try v(a) < v(b), "\(a) < \(b)") }
    }

    @Test func invalidVersionsThrow() {
        for text in ["", "1.", ".1", "1..2", "a", "1.0+", "1.0+a..b", "1.0-", "1.0 .0", "1!", "v", "1.0+a_", "1e3"] {
            #expect(throws: VersionParseError.self, "\(text)") { try PEP440Version(parsing: text) }
        }
    }

    @Test func fuzzNeverCrashes() {
        var random = LanguageVersionRandom(seed: 0x5EED_440)
        let alphabet = Array("0123456789.-_+!vVaAbBcCrRpPeEdDoOsStTlLhHiIwWzZ \u{A0}é🙂")
        for _ in 0..<20_000 {
            let length = random.next(upTo: 16)
            let text = String((0..<length).map { _ in alphabet[random.next(upTo: alphabet.count)] })
            if let version = try? PEP440Version(parsing: text) {
                #expect(version == version)
                #expect((try? PEP440Version(parsing: version.description)) == version)
            }
        }
    }

    @Test func corpusOrdering() throws {
        for file in ["pypi-versions.txt", "pypi-versions-generated.txt"] {
            guard let rows = OrderingFixture.corpusRows(file) else {
                if Corpus.integrationRequired { Issue.record("corpus file \(file) missing") }
                print("skipping \(file): corpus missing")
                continue
            }
            var failures: [String] = []
            var checked = 0
            var legacy = 0
            for row in rows where !row.lhs.hasPrefix("//") {
                // The corpus keeps pre-PEP 440 "legacy" versions (`0.3m1`, `trunk`, `2013-01-21T20:33:09+0100`)
                // ordered by setuptools' old LegacyVersion. packaging ≥ 22 rejects them as InvalidVersion, and so
                // do we (the differential test checks validity against packaging), so those rows are skipped.
                guard let lhs = try? v(row.lhs), let rhs = try? v(row.rhs) else {
                    legacy += 1
                    continue
                }
                checked += 1
                let actual: OrderingFixture.Relation = lhs < rhs ? .less : (rhs < lhs ? .greater : .equal)
                if actual != row.relation { failures.append("\(row): got \(actual.rawValue)") }
            }
            print("\(file): \(checked) rows checked, \(legacy) legacy (non-PEP 440) rows skipped")
            #expect(failures.count == 0, "\(file): \(failures.count)/\(checked) failed: \(failures.prefix(5))")
            #expect(checked > 0 && legacy < 100)
        }
    }

    @Test func orderLaws() throws {
        var random = LanguageVersionRandom(seed: 7)
        let sample = (0..<300).compactMap { _ in try? v(PEP440Generator.version(&random)) }
        let sorted = sample.sorted()
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

    /// Compares ≥ 100 000 pairs with Python's `packaging.version.Version` in one python3 process.
    @Test func differentialAgainstPackaging() throws {
        let probe = try? runProcessBlocking(["python3", "-c", "import packaging.version"])
        guard probe?.status == 0 else {
            if Corpus.integrationRequired { Issue.record("python3 with 'packaging' is required") }
            print("skipping PEP 440 differential: python3 'packaging' not installed (pip install packaging)")
            return
        }
        var random = LanguageVersionRandom(seed: 0xB01_440)
        var pool: [String] = []
        for file in ["pypi-versions.txt", "pypi-versions-generated.txt"] {
            for row in OrderingFixture.corpusRows(file) ?? [] where !row.lhs.hasPrefix("//") {
                pool.append(row.lhs)
                pool.append(row.rhs)
            }
        }
        for _ in 0..<4_000 { pool.append(PEP440Generator.version(&random)) }
        for _ in 0..<1_000 { pool.append(PEP440Generator.mutated(&random)) }
        var pairs: [(String, String)] = []
        for _ in 0..<110_000 {
            let a = pool[random.next(upTo: pool.count)]
            // Half of the pairs are close variants so that equal and near-equal versions are exercised.
            let b =
                random.next(upTo: 2) == 0
                ? pool[random.next(upTo: pool.count)] : PEP440Generator.variant(of: a, &random)
            pairs.append((a, b))
        }
        let script = """
            import sys
            from packaging.version import Version, InvalidVersion
            def p(s):
                try: return Version(s)
                except InvalidVersion: return None
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
        let result = try runProcessBlocking(["python3", "-c", script], stdin: input)
        try #require(result.status == 0, "python3 failed: \(result.stderr)")
        let answers = result.stdout.split(separator: "\n").map(String.init)
        try #require(answers.count == pairs.count)
        var disagreements: [String] = []
        var compared = 0
        for ((a, b), expected) in zip(pairs, answers) {
            let x = try? PEP440Version(parsing: a), y = try? PEP440Version(parsing: b)
            let actual: String
            if let x, let y {
                compared += 1
                actual = x < y ? "<" : (y < x ? ">" : "=")
            } else {
                actual = "\(x == nil ? 0 : 1)\(y == nil ? 0 : 1)"
            }
            if actual != expected { disagreements.append("'\(a)' vs '\(b)': packaging \(expected), ours \(actual)") }
        }
        print(
            "PEP 440 differential: \(pairs.count) pairs, \(compared) both valid, \(disagreements.count) disagreements"
        )
        #expect(compared >= 60_000)
        #expect(disagreements.count == 0, "\(disagreements.count) disagreements: \(disagreements.prefix(8))")
    }
}

/// Seeded random versions for PEP 440 tests.
enum PEP440Generator {
    static func number(_ random: inout LanguageVersionRandom) -> String {
        switch random.next(upTo: 10) {
        case 0: "0"
        case 1: "00" + String(random.next(upTo: 3))
        case 2: String(random.next(upTo: 1_000_000))
        case 3: "123456789012345678901234567890"
        default: String(random.next(upTo: 4))
        }
    }

    static func separator(_ random: inout LanguageVersionRandom) -> String {
        ["", "", ".", "-", "_"][random.next(upTo: 5)]
    }

    static func version(_ random: inout LanguageVersionRandom) -> String {
        var text = random.next(upTo: 8) == 0 ? "v" : ""
        if random.next(upTo: 8) == 0 { text += number(&random) + "!" }
        text += (0...random.next(upTo: 4)).map { _ in number(&random) }.joined(separator: ".")
        if random.next(upTo: 3) == 0 {
            let labels = ["a", "alpha", "b", "beta", "c", "rc", "pre", "preview", "A", "RC", "Beta"]
            text += separator(&random) + labels[random.next(upTo: labels.count)] + separator(&random)
            if random.next(upTo: 4) != 0 { text += number(&random) }
        }
        switch random.next(upTo: 6) {
        case 0: text += "-" + number(&random)
        case 1:
            let labels = ["post", "rev", "r", "POST", "Rev"]
            text += separator(&random) + labels[random.next(upTo: labels.count)] + separator(&random)
            if random.next(upTo: 4) != 0 { text += number(&random) }
        default: break
        }
        if random.next(upTo: 4) == 0 {
            text += separator(&random) + ["dev", "DEV", "Dev"][random.next(upTo: 3)] + separator(&random)
            if random.next(upTo: 4) != 0 { text += number(&random) }
        }
        if random.next(upTo: 5) == 0 {
            let parts = ["ubuntu", "1", "01", "abc", "Z9", "0", "deb10u1", "2", "a"]
            text +=
                "+"
                + (0...random.next(upTo: 3)).map { _ in parts[random.next(upTo: parts.count)] }
                .joined(separator: separator(&random).isEmpty ? "." : separator(&random))
        }
        if random.next(upTo: 20) == 0 { text = " " + text + " " }
        return text
    }

    /// A generated version with a random edit (often invalid).
    static func mutated(_ random: inout LanguageVersionRandom) -> String {
        var scalars = Array(version(&random))
        let junk = Array(".-_+!vax0 ")
        let position = random.next(upTo: scalars.count + 1)
        switch random.next(upTo: 3) {
        case 0: scalars.insert(junk[random.next(upTo: junk.count)], at: position)
        case 1: if position < scalars.count { scalars.remove(at: position) }
        default: if position < scalars.count { scalars[position] = junk[random.next(upTo: junk.count)] }
        }
        return String(scalars)
    }

    /// A respelling or small change of `text`.
    static func variant(of text: String, _ random: inout LanguageVersionRandom) -> String {
        switch random.next(upTo: 6) {
        case 0: return text + ".0"
        case 1: return text.uppercased()
        case 2: return text.replacingOccurrences(".post", with: "-")
        case 3: return text + ".dev0"
        case 4: return "0!" + text
        default: return text.replacingOccurrences("a", with: "alpha")
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
