internal import Foundation
import TestSupport
internal import TestSupport
internal import Testing
internal import VersionKit

private func apkRelation(_ lhs: APKVersion, _ rhs: APKVersion) -> OrderingFixture.Relation {
    lhs < rhs ? .less : (rhs < lhs ? .greater : .equal)
}

/// Versions in the part of the grammar where apk-tools and Gentoo's `vercmp` (univers'
/// `AlpineLinuxVersion`) agree: no leading zeros in components other than a lone `0`, every suffix
/// numbered and one of Gentoo's (`alpha beta pre rc p`), revisions `-r1` and up. Outside it they differ
/// by design (apk: `1.05 < 1.5`, `1 < 1-r0`, `1_p < 1_p0`, `_cvs/_svn/_git/_hg` exist; Gentoo: the
/// opposite or equal), and apk-tools is the reference there, checked by the corpus and known-value tests.
private func generatedAPKVersion(_ rng: inout SplitMix64, wide: Bool) -> String {
    let numbers = ["0", "1", "2", "3", "9", "10", "11", "100", "2024"]
    var text = numbers.randomElement(using: &rng) ?? "1"
    for _ in 0..<Int.random(in: 0..<4, using: &rng) { text += "." + (numbers.randomElement(using: &rng) ?? "1") }
    if wide && Int.random(in: 0..<5, using: &rng) == 0 {
        text += "." + (["00", "01", "05", "007"].randomElement(using: &rng) ?? "0")
    }
    if Int.random(in: 0..<4, using: &rng) == 0 { text += ["a", "b", "z"].randomElement(using: &rng) ?? "a" }
    let suffixes =
        wide ? ["alpha", "beta", "pre", "rc", "cvs", "svn", "git", "hg", "p"] : ["alpha", "beta", "pre", "rc", "p"]
    for _ in 0..<Int.random(in: 0..<3, using: &rng) {
        text += "_" + (suffixes.randomElement(using: &rng) ?? "p")
        if wide && Bool.random(using: &rng) { continue }
        text += ["0", "1", "2", "10"].randomElement(using: &rng) ?? "1"
    }
    if Bool.random(using: &rng) {
        text += "-r" + (((wide ? ["0"] : []) + ["1", "2", "10"]).randomElement(using: &rng) ?? "1")
    }
    return text
}

private let corpusNames = ["alpine-versions.txt", "alpine-versions-generated.txt"]

@Suite("APKVersion")
struct APKVersionTests {
    /// Rows whose versions are outside the apk grammar (`c > b`, `1.0 < 1.0bc`,
    /// `6.6.2p1`, `1-r-1`, …) are counted and printed, not compared: the corpus itself notes that
    /// apk-tools 2.x and 3.x order them differently, and we refuse them as invalid.
    @Test("corpus ordering files", arguments: corpusNames)
    func corpus(_ name: String) throws {
        guard let rows = OrderingFixture.corpusRows(name) else {
            #expect(!Corpus.integrationRequired, "corpus file \(name) is missing")
            print("skipping \(name): corpus missing")
            return
        }
        #expect(!rows.isEmpty)
        var failures: [String] = []
        var invalid = 0
        for row in rows {
            guard let lhs = try? APKVersion(parsing: row.lhs), let rhs = try? APKVersion(parsing: row.rhs) else {
                invalid += 1
                continue
            }
            let got = apkRelation(lhs, rhs)
            if got != row.relation { failures.append("\(row) (got \(got.rawValue))") }
        }
        print("\(name): \(rows.count - invalid) rows compared, \(invalid) rows with versions outside the apk grammar")
        #expect(invalid * 10 < rows.count, "too many invalid rows in \(name): \(invalid)")
        #expect(failures.count == 0, "\(failures.count) of \(rows.count) rows fail; first: \(failures.prefix(5))")
    }

    @Test("known orderings from apk-tools' rules")
    func known() throws {
        let sorted = [
            "1.05", "1.5_alpha", "1.5_alpha1", "1.5_beta", "1.5_pre1", "1.5_rc2", "1.5", "1.5-r0", "1.5-r1", "1.5~0abc",
            "1.5_cvs1", "1.5_svn1", "1.5_git1", "1.5_hg1", "1.5_p1", "1.5a", "1.5.1", "1.10", "2",
        ]
        let versions = try sorted.map { (text) throws(VersionParseError) in try APKVersion(parsing: text) }
        for (lower, higher) in zip(versions, versions.dropFirst()) { #expect(lower < higher, "\(lower) < \(higher)") }
        #expect(try APKVersion(parsing: "006") == APKVersion(parsing: "6"))
        #expect(try APKVersion(parsing: "1.0") < APKVersion(parsing: "1.00"))
        #expect(try APKVersion(parsing: "2.0.0.0_rc1") < APKVersion(parsing: "2.0.0.0"))
        #expect(try APKVersion(parsing: "2.3.0b-r1").description == "2.3.0b-r1")
    }

    @Test(
        "invalid input throws",
        arguments: [
            "", "a", "1.0bc", "1.2.0A", "1_blah", "1-r", "1-x", "1..2", "1.", "1-r1.2", "1\u{0}", "1 2", "0.r1",
            "1_alphax", "1-r1-r2", "1a2", "1~", "1~xyz",
            "1234567890123456789",
        ]
    )
    func invalid(_ text: String) {
        #expect(throws: VersionParseError.self) { try APKVersion(parsing: text) }
    }

    @Test("parsing and comparison never crash on random input")
    func fuzz() {
        var rng = SplitMix64(seed: 42)
        let alphabet = Array("0123456789._-rapbhgz A\u{0}é")
        var previous: APKVersion?
        var accepted = 0
        for _ in 0..<20_000 {
            let text = String(
                (0..<Int.random(in: 0..<12, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "0" }
            )
            if let version = try? APKVersion(parsing: text) {
                accepted += 1
                #expect(version == version)
                if let previous { _ = previous < version }
                previous = version
            }
        }
        #expect(accepted > 0)
    }

    @Test("order laws on a sorted sample")
    func orderLaws() {
        var rng = SplitMix64(seed: 7)
        let sample = (0..<400).compactMap { _ in try? APKVersion(parsing: generatedAPKVersion(&rng, wide: true)) }
            .sorted()
        #expect(sample.count == 400)
        expectOrderLaws(sample)
    }

    /// Differential test against univers' `AlpineLinuxVersion` (Gentoo `vercmp`) over 100 000 pairs
    /// in one python3 process, on the sub-grammar where the two rule sets coincide (see
    /// `generatedAPKVersion`) plus the corpus versions inside it.
    @Test("agrees with univers AlpineLinuxVersion")
    func differential() throws {
        let python = ["python3", "/usr/bin/python3"].first { candidate in
            (try? runProcessBlocking([candidate, "-c", "import univers.versions"]))?.status == 0
        }
        guard let python else {
            #expect(!Corpus.integrationRequired, "univers (pip install univers) is missing")
            print("skipping APK differential test: univers is not installed")
            return
        }
        var rng = SplitMix64(seed: 2024)
        var pool: [String] = (0..<3_000).map { _ in generatedAPKVersion(&rng, wide: false) }
        pool = Array(Set(pool)).sorted()
        var pairs: [(APKVersion, APKVersion)] = []
        while pairs.count < 100_000 {
            guard let left = pool.randomElement(using: &rng), var right = pool.randomElement(using: &rng) else { break }
            if Bool.random(using: &rng) {
                // Share a component prefix with the left version.
                let cut = left.prefix(while: { $0 != "_" && $0 != "-" })
                right = String(cut) + String(right.drop(while: { $0 != "_" && $0 != "-" }))
            }
            if let lhs = try? APKVersion(parsing: left), let rhs = try? APKVersion(parsing: right) {
                pairs.append((lhs, rhs))
            }
        }
        #expect(pairs.count == 100_000)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("apk-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pairFile = directory.appendingPathComponent("pairs.txt")
        try pairs.map { "\($0.0.description)\t\($0.1.description)" }.joined(separator: "\n")
            .write(to: pairFile, atomically: true, encoding: .utf8)
        let script = """
            import sys
            from univers.versions import AlpineLinuxVersion as V
            out = []
            for line in open(sys.argv[1]):
                a, b = line.rstrip("\\n").split("\\t")
                x, y = V(a), V(b)
                out.append("-1" if x < y else ("1" if y < x else "0"))
            print("\\n".join(out))
            """
        let result = try runProcessBlocking([python, "-c", script, pairFile.path])
        #expect(result.status == 0, "python3 failed: \(result.stderr.suffix(500))")
        let answers = result.stdout.split(separator: "\n").compactMap { Int($0) }
        #expect(answers.count == pairs.count)
        var disagreements: [String] = []
        for (pair, answer) in zip(pairs, answers) where APKVersion.compare(pair.0, pair.1) != answer {
            disagreements.append(
                "\(pair.0) vs \(pair.1): univers \(answer), ours \(APKVersion.compare(pair.0, pair.1))"
            )
        }
        #expect(disagreements.count == 0, "\(disagreements.count) disagreements; first: \(disagreements.prefix(5))")
    }
}
