import TestSupport
import Testing
import VersionKit

@Suite struct RubyGemsVersionTests {
    static let corpusFiles = ["rubygems-versions.txt", "rubygems-versions-generated.txt"]

    /// `1 > 1beta` and `1 > 1gamma` (hand-written rows) use versions that RubyGems itself rejects
    /// (`Gem::Version.new("1beta")` raises "Malformed version number string": a letter needs a `.` or `-`
    /// before it), so they throw here; the real `Gem::Version` wins over the corpus.
    @Test func corpus() {
        PackageVersionOracle.checkCorpus(
            RubyGemsVersion.self,
            file: "rubygems-versions.txt",
            knownDifferences: ["1 > 1beta", "1 > 1gamma"]
        )
    }
    @Test func generatedCorpus() {
        PackageVersionOracle.checkCorpus(RubyGemsVersion.self, file: "rubygems-versions-generated.txt")
    }

    @Test func examples() throws {
        func v(_ s: String) throws -> RubyGemsVersion { try RubyGemsVersion(parsing: s) }
        #expect(try v("1.0") == v("1"))
        #expect(try v("1.0.a.0") == v("1.a"))
        #expect(try v("1.0.a") < v("1.0"))
        #expect(try v("1.0-1") == v("1.0.pre.1"))
        #expect(try v("1.0.A") < v("1.0.a"))
        #expect(try v("") == v("0"))
        #expect(try v("2.0.0.rc1").isPrerelease)
        #expect(try !v("2.0.0").isPrerelease)
        for bad in ["a", "1..2", "1.", "1-", "1 2", ".1", "1.-a", "-1"] {
            #expect(throws: VersionParseError.self, "\(bad)") { try RubyGemsVersion(parsing: bad) }
        }
    }

    static func generate(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        let words = ["a", "b", "pre", "rc", "beta", "alpha", "A", "RC", "Z", "dev", "0a", "1b2"]
        let numbers = ["0", "1", "2", "10", "00", "01", "3", "123", "99999999999999999999"]
        var result: [String] = []
        for _ in 0..<count {
            var text = numbers.randomElement(using: &rng) ?? "1"
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                text += Int.random(in: 0..<6, using: &rng) == 0 ? "-" : "."
                text +=
                    Bool.random(using: &rng)
                    ? (numbers.randomElement(using: &rng) ?? "1") : (words.randomElement(using: &rng) ?? "a")
            }
            result.append(text)
        }
        return result
    }

    @Test func orderLaws() throws {
        let texts = PackageVersionOracle.corpusVersions(Self.corpusFiles) + Self.generate(count: 2000, seed: 7)
        PackageVersionOracle.checkOrderLaws(texts.compactMap { try? RubyGemsVersion(parsing: $0) })
    }

    @Test func fuzzNeverCrashes() {
        var rng = SplitMix64(seed: 99)
        let alphabet = Array("0123456789.-_+abcxyzAZ \t~é\u{0}")
        for _ in 0..<20000 {
            let text = String(
                (0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" }
            )
            if let version = try? RubyGemsVersion(parsing: text) { #expect(version == version) }
        }
    }

    /// Differential test against the real `Gem::Version` (the `ruby` on this machine, Debian package
    /// `ruby`), one `ruby` process for all pairs; validity is compared too (`Gem::Version.correct?`).
    @Test func differentialAgainstRuby() {
        var rng = SplitMix64(seed: 5)
        let alphabet = Array("0123456789.-aZ ")
        let junk = (0..<2000).map { _ in
            String((0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "1" })
        }
        let corpus = PackageVersionOracle.corpusVersions(Self.corpusFiles)
        let texts = (corpus + Self.generate(count: 3000, seed: 42)).filter {
            (try? RubyGemsVersion(parsing: $0)) != nil
        }
        let junkAndCorpus = junk + corpus
        var pairs: [(String, String)] = []
        for _ in 0..<100_000 {
            pairs.append((texts.randomElement(using: &rng) ?? "1", texts.randomElement(using: &rng) ?? "1"))
        }
        let script = """
            out = []
            File.foreach(ARGV[0], chomp: true) do |line|
              a, b = line.split("\\t", -1)
              if b.nil? || b.empty?
                out << (Gem::Version.correct?(a) ? "1" : "0")
              else
                out << (Gem::Version.new(a) <=> Gem::Version.new(b)).to_s
              end
            end
            puts out
            """
        // Validity rows carry a single field.
        let validityRows = junkAndCorpus.map { ($0, "") }
        guard
            let results = PackageVersionOracle.oracle(
                scriptName: "compare.rb",
                script: script,
                pairs: pairs + validityRows,
                probe: ["ruby", "-e", "Gem::Version"],
                command: { ["ruby", $0, $1] }
            )
        else { return }
        let (count, examples) = PackageVersionOracle.disagreements(
            RubyGemsVersion.self,
            pairs: pairs,
            results: Array(results.prefix(pairs.count))
        )
        #expect(count == 0, "\(count) disagreements with Gem::Version: \(examples)")
        var validity: [String] = []
        for (text, expected) in zip(junkAndCorpus, results.dropFirst(pairs.count)) {
            let ours = (try? RubyGemsVersion(parsing: text)) != nil ? 1 : 0
            if ours != expected { validity.append("'\(text)': ours \(ours), ruby \(expected)") }
        }
        #expect(validity.isEmpty, "\(validity.count) validity disagreements: \(validity.prefix(8))")
    }
}
