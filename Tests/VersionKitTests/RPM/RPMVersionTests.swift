internal import Foundation
import TestSupport
internal import TestSupport
internal import Testing
internal import VersionKit

private func rpmRelation(_ lhs: RPMVersion, _ rhs: RPMVersion) -> OrderingFixture.Relation {
    lhs < rhs ? .less : (rhs < lhs ? .greater : .equal)
}

private let rpmPieces = [
    "0", "00", "1", "01", "2", "9", "10", "99", "100", "a", "b", "z", "A", "Z", "el", "rc", "~", "~~", "^", "^^", ".",
    "_", "+", "-", ":", "α",
]

/// EVR strings built from the characters that matter to `rpmvercmp` and to epoch/release splitting.
private func generatedRPMVersion(_ rng: inout SplitMix64) -> String {
    var text = ""
    if Int.random(in: 0..<4, using: &rng) == 0 {
        text += (["0", "1", "2", "10", "00", ""].randomElement(using: &rng) ?? "") + ":"
    }
    for _ in 0..<Int.random(in: 1..<7, using: &rng) { text += rpmPieces.randomElement(using: &rng) ?? "" }
    return text
}

@Suite("RPMVersion")
struct RPMVersionTests {
    @Test("corpus ordering file redhat-versions.txt")
    func corpus() throws {
        guard let rows = OrderingFixture.corpusRows("redhat-versions.txt") else {
            #expect(!Corpus.integrationRequired, "corpus file redhat-versions.txt is missing")
            print("skipping redhat-versions.txt: corpus missing")
            return
        }
        #expect(!rows.isEmpty)
        var failures: [String] = []
        for row in rows {
            do {
                let got = rpmRelation(try RPMVersion(parsing: row.lhs), try RPMVersion(parsing: row.rhs))
                if got != row.relation { failures.append("\(row) (got \(got.rawValue))") }
            } catch {
                failures.append("\(row): \(error)")
            }
        }
        #expect(failures.count == 0, "\(failures.count) of \(rows.count) rows fail; first: \(failures.prefix(5))")
    }

    @Test("known orderings, splitting and equal spellings")
    func known() throws {
        let sorted = ["1.0~rc1~git", "1.0~rc1", "1.0~rc1^git1", "1.0", "1.0^", "1.0^git1", "1.0a", "1.0.1", "1:0.1"]
        let versions = try sorted.map { (text) throws(VersionParseError) in try RPMVersion(parsing: text) }
        for (lower, higher) in zip(versions, versions.dropFirst()) { #expect(lower < higher, "\(lower) < \(higher)") }
        #expect(try RPMVersion(parsing: "2.0") == RPMVersion(parsing: "2_0"))
        #expect(try RPMVersion(parsing: "0:1.0-1") == RPMVersion(parsing: "1.0-1"))
        #expect(try RPMVersion(parsing: "1.0") < RPMVersion(parsing: "1.0-0"))
        let parsed = try RPMVersion(parsing: "2:1.2-3-4.el9")
        #expect(parsed.epoch == "2" && parsed.version == "1.2-3" && parsed.release == "4.el9")
        let colon = try RPMVersion(parsing: "1.m+e2:1")
        #expect(colon.epoch == "0" && colon.version == "1.m+e2:1" && colon.release == nil)
        #expect(RPMVersion.rpmvercmp("99999999999999999999999", "99999999999999999999998") == 1)
    }

    @Test("invalid input throws", arguments: ["", " ", "1.0 -1", "1\t2", "1\u{7F}", "1:", ":", "-1", "2:-1"])
    func invalid(_ text: String) {
        #expect(throws: VersionParseError.self) { try RPMVersion(parsing: text) }
    }

    @Test("parsing and comparison never crash on random input")
    func fuzz() {
        var rng = SplitMix64(seed: 42)
        let alphabet = Array("0123456789:-.+~^_ aZ\u{0}\u{FF}é\n")
        var previous: RPMVersion?
        for _ in 0..<20_000 {
            let text = String(
                (0..<Int.random(in: 0..<12, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "0" }
            )
            if let version = try? RPMVersion(parsing: text) {
                #expect(version == version)
                if let previous { _ = previous < version }
                previous = version
            }
        }
    }

    @Test("order laws on a sorted sample")
    func orderLaws() {
        var rng = SplitMix64(seed: 7)
        let sample = (0..<400).compactMap { _ in try? RPMVersion(parsing: generatedRPMVersion(&rng)) }.sorted()
        #expect(sample.count > 300)
        expectOrderLaws(sample)
    }

    /// Differential test against librpm (`rpm.labelCompare`) over 120 000 pairs in one python3
    /// process. The (epoch, version, release) split is ours; a missing release is passed as `None`.
    @Test("agrees with rpm.labelCompare")
    func differential() throws {
        // python3-rpm is a Debian package: it lives in the system interpreter, which may not be the
        // first `python3` on PATH (pyenv).
        let python = ["/usr/bin/python3", "python3"].first { candidate in
            (try? runProcessBlocking([candidate, "-c", "import rpm"]))?.status == 0
        }
        guard let python else {
            #expect(!Corpus.integrationRequired, "python3-rpm is missing")
            print("skipping RPM differential test: python3-rpm is not installed")
            return
        }
        var pool: [String] = []
        for row in OrderingFixture.corpusRows("redhat-versions.txt") ?? [] { pool += [row.lhs, row.rhs] }
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<4_000 { pool.append(generatedRPMVersion(&rng)) }
        pool = Array(Set(pool)).sorted()
        var pairs: [(RPMVersion, RPMVersion)] = []
        while pairs.count < 120_000 {
            guard let left = pool.randomElement(using: &rng), var right = pool.randomElement(using: &rng) else { break }
            // Half of the pairs share a prefix, so the comparison reaches the interesting tail.
            if Bool.random(using: &rng) {
                right = String(left.prefix(Int.random(in: 0...left.count, using: &rng)))
                for _ in 0..<Int.random(in: 0..<3, using: &rng) { right += rpmPieces.randomElement(using: &rng) ?? "" }
            }
            if let lhs = try? RPMVersion(parsing: left), let rhs = try? RPMVersion(parsing: right) {
                pairs.append((lhs, rhs))
            }
        }
        #expect(pairs.count == 120_000)
        func fields(_ version: RPMVersion) -> String {
            "\(version.epoch)\t\(version.version)\t\(version.release.map { "R" + $0 } ?? "N")"
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rpm-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pairFile = directory.appendingPathComponent("pairs.txt")
        try pairs.map { "\(fields($0.0))\t\(fields($0.1))" }.joined(separator: "\n")
            .write(to: pairFile, atomically: true, encoding: .utf8)
        let script = """
            import sys, rpm
            def rel(f):
                return None if f == "N" else f[1:]
            out = []
            for line in open(sys.argv[1], encoding="utf-8"):
                e1, v1, r1, e2, v2, r2 = line.rstrip("\\n").split("\\t")
                r = rpm.labelCompare((e1, v1, rel(r1)), (e2, v2, rel(r2)))
                out.append("-1" if r < 0 else ("1" if r > 0 else "0"))
            print("\\n".join(out))
            """
        let result = try runProcessBlocking([python, "-c", script, pairFile.path])
        #expect(result.status == 0, "python3 failed: \(result.stderr)")
        let answers = result.stdout.split(separator: "\n").compactMap { Int($0) }
        #expect(answers.count == pairs.count)
        var disagreements: [String] = []
        for (pair, answer) in zip(pairs, answers) where RPMVersion.compare(pair.0, pair.1) != answer {
            disagreements.append("\(pair.0) vs \(pair.1): rpm \(answer), ours \(RPMVersion.compare(pair.0, pair.1))")
        }
        #expect(disagreements.count == 0, "\(disagreements.count) disagreements; first: \(disagreements.prefix(5))")
    }
}
