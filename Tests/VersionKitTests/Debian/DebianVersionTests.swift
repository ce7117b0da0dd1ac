internal import Foundation
import TestSupport
internal import TestSupport
internal import Testing
internal import VersionKit

private func sign(_ value: Int) -> Int { value < 0 ? -1 : (value > 0 ? 1 : 0) }

private func debianRelation(_ lhs: DebianVersion, _ rhs: DebianVersion) -> OrderingFixture.Relation {
    lhs < rhs ? .less : (rhs < lhs ? .greater : .equal)
}

/// Valid-looking Debian versions built from the characters that matter to dpkg's ordering.
private func generatedDebianVersion(_ rng: inout SplitMix64) -> String {
    let pieces = ["0", "00", "1", "01", "2", "9", "10", "99", "100", "a", "b", "z", "A", "Z", "~", "~~", "+", ".", "-"]
    let upstreamPieces = pieces.filter { $0 != "-" }
    var text = ""
    if Int.random(in: 0..<4, using: &rng) == 0 { text += ["0", "1", "2", "10", "00"].randomElement(using: &rng) ?? "" }
    if !text.isEmpty { text += ":" }
    text += ["0", "1", "2", "10", "9"].randomElement(using: &rng) ?? "1"
    for _ in 0..<Int.random(in: 0..<5, using: &rng) { text += upstreamPieces.randomElement(using: &rng) ?? "" }
    if Int.random(in: 0..<2, using: &rng) == 0 {
        text += "-"
        let revisionPieces = upstreamPieces
        text += ["0", "1", "a", "~", "2"].randomElement(using: &rng) ?? "1"
        for _ in 0..<Int.random(in: 0..<4, using: &rng) { text += revisionPieces.randomElement(using: &rng) ?? "" }
    }
    return text
}

private let corpusNames = ["debian-versions.txt", "debian-versions-generated.txt"]

@Suite("DebianVersion")
struct DebianVersionTests {
    @Test("corpus ordering files", arguments: corpusNames)
    func corpus(_ name: String) throws {
        guard let rows = OrderingFixture.corpusRows(name) else {
            #expect(!Corpus.integrationRequired, "corpus file \(name) is missing")
            print("skipping \(name): corpus missing")
            return
        }
        #expect(!rows.isEmpty)
        var failures: [String] = []
        for row in rows {
            do {
                let lhs = try DebianVersion(parsing: row.lhs)
                let rhs = try DebianVersion(parsing: row.rhs)
                let got = debianRelation(lhs, rhs)
                if got != row.relation { failures.append("\(row) (got \(got.rawValue))") }
            } catch {
                failures.append("\(row): \(error)")
            }
        }
        #expect(failures.count == 0, "\(failures.count) of \(rows.count) rows fail; first: \(failures.prefix(5))")
    }

    @Test("known orderings and equal spellings")
    func known() throws {
        let sorted = ["1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a", "1.0+", "1.0.1", "1.1", "1:0.1", "2:0"]
        let versions = try sorted.map { (text) throws(VersionParseError) in try DebianVersion(parsing: text) }
        for (lower, higher) in zip(versions, versions.dropFirst()) { #expect(lower < higher, "\(lower) < \(higher)") }
        #expect(try DebianVersion(parsing: "0:1.0-0") == DebianVersion(parsing: "1.0"))
        #expect(try DebianVersion(parsing: "1.00") == DebianVersion(parsing: "1.0"))
        #expect(try DebianVersion(parsing: "000:1.0") == DebianVersion(parsing: "1.0"))
        #expect(
            try DebianVersion(parsing: "99999999999999999999999:1")
                > DebianVersion(parsing: "99999999999999999999998:1")
        )
        let parsed = try DebianVersion(parsing: "2:1.2-3-4")
        #expect(parsed.epoch == "2" && parsed.upstream == "1.2-3" && parsed.revision == "4")
        #expect(parsed.description == "2:1.2-3-4")
    }

    @Test(
        "invalid input throws",
        arguments: ["", "   ", "a1.0", ":1.0", "x:1.0", "1.0-", "1 0", "1.0-a_b", "1.0_1", "1:"]
    )
    func invalid(_ text: String) {
        #expect(throws: VersionParseError.self) { try DebianVersion(parsing: text) }
    }

    @Test("parsing never crashes on random input")
    func fuzz() {
        var rng = SplitMix64(seed: 42)
        let alphabet = Array("0123456789:-.+~_ aZ\u{0}\u{FF}é\n")
        var accepted = 0
        for _ in 0..<20_000 {
            let text = String(
                (0..<Int.random(in: 0..<12, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "0" }
            )
            if let version = try? DebianVersion(parsing: text) {
                accepted += 1
                #expect(version == version)
            }
        }
        #expect(accepted > 0)
    }

    @Test("order laws on a sorted sample")
    func orderLaws() throws {
        var rng = SplitMix64(seed: 7)
        let sample = try (0..<300).map { _ throws(VersionParseError) in
            try DebianVersion(parsing: generatedDebianVersion(&rng))
        }
        .sorted()
        expectOrderLaws(sample)
    }

    /// Differential test against libapt (`apt_pkg.version_compare`, the same algorithm as dpkg) over
    /// 120 000 pairs in one python3 process, plus a 2 000-pair subset against `dpkg --compare-versions`
    /// in one shell process.
    @Test("agrees with apt_pkg.version_compare and dpkg --compare-versions")
    func differential() throws {
        // python3-apt is a Debian package: it lives in the system interpreter, which may not be the
        // first `python3` on PATH (pyenv).
        let python = ["/usr/bin/python3", "python3"].first { candidate in
            (try? runProcessBlocking([candidate, "-c", "import apt_pkg"]))?.status == 0
        }
        guard let python else {
            #expect(!Corpus.integrationRequired, "python3-apt (apt_pkg) is missing")
            print("skipping Debian differential test: python3-apt (apt_pkg) is not installed")
            return
        }
        var pool: [String] = []
        for name in corpusNames {
            for row in OrderingFixture.corpusRows(name) ?? [] { pool += [row.lhs, row.rhs] }
        }
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<4_000 { pool.append(generatedDebianVersion(&rng)) }
        pool = Array(Set(pool)).sorted()
        var pairs: [(DebianVersion, DebianVersion)] = []
        while pairs.count < 120_000 {
            guard let left = pool.randomElement(using: &rng), var right = pool.randomElement(using: &rng) else { break }
            // Half of the pairs share a prefix, so the comparison reaches the interesting tail.
            if Bool.random(using: &rng) {
                right = String(left.prefix(Int.random(in: 1...max(1, left.count), using: &rng)))
                for _ in 0..<Int.random(in: 0..<3, using: &rng) {
                    right +=
                        ["0", "00", "1", "9", "10", "a", "Z", "~", "+", ".", "-1", "-0", "~a"].randomElement(
                            using: &rng
                        ) ?? ""
                }
            }
            // Only valid versions take part; a version the parser rejects is reported by the corpus test.
            if let lhs = try? DebianVersion(parsing: left), let rhs = try? DebianVersion(parsing: right) {
                pairs.append((lhs, rhs))
            }
        }
        #expect(pairs.count == 120_000)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "debian-diff-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pairFile = directory.appendingPathComponent("pairs.txt")
        try pairs.map { "\($0.0.description)\t\($0.1.description)" }.joined(separator: "\n")
            .write(to: pairFile, atomically: true, encoding: .utf8)
        let script = """
            import sys, apt_pkg
            apt_pkg.init()
            out = []
            for line in open(sys.argv[1]):
                a, b = line.rstrip("\\n").split("\\t")
                r = apt_pkg.version_compare(a, b)
                out.append("-1" if r < 0 else ("1" if r > 0 else "0"))
            print("\\n".join(out))
            """
        let result = try runProcessBlocking([python, "-c", script, pairFile.path])
        #expect(result.status == 0, "python3 failed: \(result.stderr)")
        let answers = result.stdout.split(separator: "\n").compactMap { Int($0) }
        #expect(answers.count == pairs.count)
        var disagreements: [String] = []
        for (pair, answer) in zip(pairs, answers) where sign(DebianVersion.compare(pair.0, pair.1)) != answer {
            disagreements.append("\(pair.0) vs \(pair.1): apt \(answer), ours \(DebianVersion.compare(pair.0, pair.1))")
        }
        #expect(disagreements.count == 0, "\(disagreements.count) disagreements; first: \(disagreements.prefix(5))")

        // dpkg itself, one shell process looping over a subset.
        guard (try? runProcessBlocking(["dpkg", "--version"]))?.status == 0 else {
            print("skipping dpkg --compare-versions subset: dpkg is not installed")
            return
        }
        let subset = pairs.prefix(2_000)
        let shellFile = directory.appendingPathComponent("subset.txt")
        try subset.map { "\($0.0.description) \($0.1.description)" }.joined(separator: "\n")
            .appending("\n").write(to: shellFile, atomically: true, encoding: .utf8)
        let shell = """
            while read -r a b; do
              if dpkg --compare-versions "$a" lt "$b"; then echo -1;
              elif dpkg --compare-versions "$a" eq "$b"; then echo 0; else echo 1; fi
            done < "$1"
            """
        let dpkg = try runProcessBlocking(["sh", "-c", shell, "sh", shellFile.path])
        let dpkgAnswers = dpkg.stdout.split(separator: "\n").compactMap { Int($0) }
        #expect(dpkgAnswers.count == subset.count, "dpkg stderr: \(dpkg.stderr.prefix(300))")
        var dpkgDisagreements: [String] = []
        for (pair, answer) in zip(subset, dpkgAnswers) where sign(DebianVersion.compare(pair.0, pair.1)) != answer {
            dpkgDisagreements.append("\(pair.0) vs \(pair.1): dpkg \(answer)")
        }
        #expect(
            dpkgDisagreements.count == 0,
            "\(dpkgDisagreements.count) dpkg disagreements: \(dpkgDisagreements.prefix(5))"
        )
    }
}
