import TestSupport
import Testing
import VersionKit

@Suite struct ComposerVersionTests {
    static let corpusFiles = ["packagist-versions.txt", "packagist-versions-generated.txt"]

    /// The hand-written "edge case" rows `1.2.3.# = 1.2.3`, `= 1.2.3.#` and `= 1.2.3.1` follow osv-scalibr's
    /// Go port, not PHP: PHP 8.2's `version_compare` turns the trailing `#` into an empty last part and gives
    /// `1.2.3.# < 1.2.3`, `1.2.3.# < 1.2.3.1` and even `1.2.3.# < 1.2.3.#`. No order can be irreflexive, so
    /// such versions are rejected here; PHP (the native tool) wins over those rows.
    @Test func corpus() {
        PackageVersionOracle.checkCorpus(
            ComposerVersion.self,
            file: "packagist-versions.txt",
            knownDifferences: ["1.2.3.# = 1.2.3", "1.2.3.# = 1.2.3.#", "1.2.3.# = 1.2.3.1"]
        )
    }
    @Test func generatedCorpus() {
        PackageVersionOracle.checkCorpus(ComposerVersion.self, file: "packagist-versions-generated.txt")
    }

    @Test func examples() throws {
        func v(_ s: String) throws -> ComposerVersion { try ComposerVersion(parsing: s) }
        #expect(try v("1.0-dev") < v("1.0alpha1"))
        #expect(try v("1.0a1") < v("1.0b1"))
        #expect(try v("1.0b1") < v("1.0RC1"))
        #expect(try v("1.0RC1") == v("1.0rc1"))
        #expect(try v("1.0rc1") < v("1.0"))
        #expect(try v("1.0") < v("1.0pl1"))
        #expect(try v("1.0") < v("1.0.0"))
        #expect(try v("v1.2.3") == v("1.2.3"))
        #expect(try v("1.25.0-beta2.1") == v("1.25.0-b.2.1"))
        for bad in ["", "v", "1 0", "1.0\n", "é"] {
            #expect(throws: VersionParseError.self, "\(bad)") { try ComposerVersion(parsing: bad) }
        }
    }

    static func generate(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        let words = ["dev", "alpha", "a", "beta", "b", "RC", "rc", "Rc", "pl", "p", "patch", "stable", "foo", "#", "x"]
        let numbers = ["0", "1", "2", "10", "00", "01", "3", "123"]
        let separators = [".", ".", "-", "_", "+", "", ".."]
        var result: [String] = []
        for _ in 0..<count {
            var text = Int.random(in: 0..<8, using: &rng) == 0 ? "v" : ""
            for index in 0..<Int.random(in: 1...5, using: &rng) {
                if index > 0 { text += separators.randomElement(using: &rng) ?? "." }
                text +=
                    Int.random(in: 0..<3, using: &rng) > 0
                    ? (numbers.randomElement(using: &rng) ?? "1") : (words.randomElement(using: &rng) ?? "a")
            }
            result.append(text)
        }
        return result
    }

    @Test func orderLaws() throws {
        let texts = PackageVersionOracle.corpusVersions(Self.corpusFiles) + Self.generate(count: 2000, seed: 7)
        PackageVersionOracle.checkOrderLaws(texts.compactMap { try? ComposerVersion(parsing: $0) })
    }

    @Test func fuzzNeverCrashes() {
        var rng = SplitMix64(seed: 99)
        let alphabet = Array("0123456789.-+_#abcdevprlRCxV ~é\u{0}")
        for _ in 0..<20000 {
            let text = String(
                (0..<Int.random(in: 0...14, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" }
            )
            if let version = try? ComposerVersion(parsing: text) { #expect(version == version) }
        }
        let long = String(repeating: "a.", count: 5000)
        #expect(throws: VersionParseError.self) { try ComposerVersion(parsing: long) }
    }

    /// Differential test against PHP's own `version_compare` (Debian package `php-cli`), one `php` process
    /// for all pairs, after dropping a leading `v`/`V` as Composer does. univers' `ComposerVersion` is not
    /// used: it is a SemVer comparator (it rejects `1.0pl1`, `1.0-dev` and four-part versions).
    /// Numbers above `PHP_INT_MAX` are left out: PHP's `strtol` saturates them (all equal), while the
    /// corpus (`999…991 < 999…999`) compares them numerically, which is what we do.
    @Test func differentialAgainstPHP() {
        let texts = (PackageVersionOracle.corpusVersions(Self.corpusFiles) + Self.generate(count: 3000, seed: 42))
            .filter { (try? ComposerVersion(parsing: $0)) != nil }
            .filter { text in
                var run = 0
                for character in text {
                    run = character.isNumber ? run + 1 : 0
                    if run > 18 { return false }
                }
                return true
            }
        var rng = SplitMix64(seed: 1)
        var pairs: [(String, String)] = []
        for _ in 0..<100_000 {
            pairs.append((texts.randomElement(using: &rng) ?? "1", texts.randomElement(using: &rng) ?? "1"));
        }
        let script = """
            <?php
            $out = [];
            foreach (file($argv[1], FILE_IGNORE_NEW_LINES) as $line) {
                [$a, $b] = explode("\\t", $line);
                $a = preg_replace('/^[vV]/', '', $a);
                $b = preg_replace('/^[vV]/', '', $b);
                $out[] = version_compare($a, $b);
            }
            echo implode("\\n", $out), "\\n";
            """
        guard
            let results = PackageVersionOracle.oracle(
                scriptName: "compare.php",
                script: script,
                pairs: pairs,
                probe: ["php", "-r", "exit(0);"],
                command: { ["php", $0, $1] }
            )
        else { return }
        let (count, examples) = PackageVersionOracle.disagreements(ComposerVersion.self, pairs: pairs, results: results)
        #expect(count == 0, "\(count) disagreements with PHP version_compare: \(examples)")
    }
}
