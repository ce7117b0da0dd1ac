import TestSupport
import Testing
import VersionKit

@Suite struct NuGetVersionTests {
    @Test func corpus() { PackageVersionOracle.checkCorpus(NuGetVersion.self, file: "nuget-versions.txt") }

    @Test func examples() throws {
        func v(_ s: String) throws -> NuGetVersion { try NuGetVersion(parsing: s) }
        #expect(try v("1.0") == v("1.0.0.0"))
        #expect(try v("1.0.0-BETA") == v("1.0.0-beta+meta"))
        #expect(try v("1.0.0-beta.2") < v("1.0.0-beta.10"))
        #expect(try v("1.0.0-1") < v("1.0.0-a"))
        #expect(try v("1.0.0-rc") < v("1.0.0"))
        #expect(try v("1.0.0.1-alpha") > v("1.0.0"))
        for bad in ["", "a", "1.", "1..2", "1.2.3.4.5", "1.0-", "1.0+", "1.0-a..b", "v1.0", " 1.0", "1.0-a_b"] {
            #expect(throws: VersionParseError.self, "\(bad)") { try NuGetVersion(parsing: bad) }
        }
    }

    /// Versions univers can read too: no leading zeros in numeric labels, labels that fit `Int32`.
    static func generate(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        let numbers = ["0", "1", "2", "10", "00", "01", "3", "123", "2147483647"]
        let labels = ["alpha", "ALPHA", "beta", "Beta", "rc", "RC", "1", "2", "10", "0", "a-b", "x1", "pre", "z"]
        var result: [String] = []
        for _ in 0..<count {
            var text = (0..<Int.random(in: 1...4, using: &rng)).map { _ in numbers.randomElement(using: &rng) ?? "1" }
                .joined(separator: ".")
            if Bool.random(using: &rng) {
                text +=
                    "-"
                    + (0..<Int.random(in: 1...3, using: &rng)).map { _ in labels.randomElement(using: &rng) ?? "a" }
                    .joined(separator: ".")
            }
            if Int.random(in: 0..<5, using: &rng) == 0 { text += "+build.5" }
            result.append(text)
        }
        return result
    }

    @Test func orderLaws() throws {
        let texts = PackageVersionOracle.corpusVersions(["nuget-versions.txt"]) + Self.generate(count: 2000, seed: 7)
        PackageVersionOracle.checkOrderLaws(texts.compactMap { try? NuGetVersion(parsing: $0) })
    }

    @Test func fuzzNeverCrashes() {
        var rng = SplitMix64(seed: 99)
        let alphabet = Array("0123456789.-+_abcxyzAZ ~é\u{0}")
        for _ in 0..<20000 {
            let text = String(
                (0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" }
            )
            if let version = try? NuGetVersion(parsing: text) { #expect(version == version) }
        }
    }

    /// Differential test against univers' `NugetVersion` (pip package `univers`): one python3 process for
    /// all pairs. The corpus' 92-character three-part version is left out (the 30-digit one stays); numbers
    /// above `Int32` are outside what NuGet itself accepts anyway. No .NET is installed here, so univers
    /// (a NuGet.Versioning port over `semver`) is the oracle; generated labels avoid leading zeros and
    /// `Int32` overflow, where `semver` and NuGet differ.
    @Test func differentialAgainstUnivers() {
        let texts = (PackageVersionOracle.corpusVersions(["nuget-versions.txt"]) + Self.generate(count: 3000, seed: 42))
            .filter { $0.count < 40 }
        var rng = SplitMix64(seed: 1)
        var pairs: [(String, String)] = []
        for _ in 0..<100_000 {
            pairs.append((texts.randomElement(using: &rng) ?? "1", texts.randomElement(using: &rng) ?? "1"))
        }
        let script = """
            import sys
            from univers.versions import NugetVersion as V
            cache = {}
            def get(s):
                if s not in cache:
                    cache[s] = V(s)
                return cache[s]
            out = []
            for line in open(sys.argv[1], encoding='utf-8'):
                a, b = line.rstrip('\\n').split('\\t')
                x, y = get(a), get(b)
                out.append('-1' if x < y else ('0' if x == y else '1'))
            print('\\n'.join(out))
            """
        guard
            let results = PackageVersionOracle.oracle(
                scriptName: "compare.py",
                script: script,
                pairs: pairs,
                probe: ["python3", "-c", "import univers.versions"],
                command: { ["python3", $0, $1] }
            )
        else { return }
        let (count, examples) = PackageVersionOracle.disagreements(NuGetVersion.self, pairs: pairs, results: results)
        #expect(count == 0, "\(count) disagreements with univers: \(examples)")
    }
}
