import AdvisoryModel
import Foundation
import TestSupport
import Testing

/// Checks scoring, rejection and round-tripping against claircore's CVSS fixture lists in the corpus.
struct CVSSCorpusTests {
    /// The non-blank, non-comment lines of `vulndb/cvss-vectors/claircore/<name>`, or nil (after printing why)
    /// when the corpus is missing and integration is not required.
    static func lines(_ name: String) throws -> [String]? {
        guard let path = Corpus.path("vulndb/cvss-vectors/claircore/\(name)") else {
            if Corpus.integrationRequired { Issue.record("corpus file \(name) missing") }
            print("skipping: corpus file \(name) not found")
            return nil
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#")
        }
    }

    @Test(arguments: ["v2_score.list", "v30_score.list", "v31_score.list", "v4_score.list"])
    func scoresMatch(file: String) throws {
        guard let lines = try Self.lines(file) else { return }
        var failures: [String] = []
        for line in lines {
            let fields = line.split(separator: "#", maxSplits: 1)[0].split(separator: " ")
            try #require(fields.count == 2, "malformed fixture line '\(line)'")
            let expected = try #require(Double(String(fields[1])))
            do {
                let vector = try CVSSVector(parsing: String(fields[0]))
                if vector.score != expected {
                    failures.append("\(fields[0]): got \(vector.score), want \(expected)")
                }
            } catch {
                failures.append("\(fields[0]): \(error)")
            }
        }
        #expect(lines.count > 10)
        #expect(
            failures.count == 0,
            "\(failures.count) of \(lines.count) failed: \(failures.prefix(5))"
        )
    }

    /// Each list is claircore's test for one version's parser, so a vector that parses as another version
    /// (the v3.1 vector in `v4_error.list`) counts as rejected.
    @Test(arguments: [
        ("v2_error.list", [CVSSVersion.v2]), ("v3_error.list", [.v30, .v31]), ("v4_error.list", [.v40]),
    ])
    func invalidVectorsAreRejected(file: String, versions: [CVSSVersion]) throws {
        guard let lines = try Self.lines(file) else { return }
        var failures: [String] = []
        var rejected = 0
        for line in lines {
            let valid = line.hasSuffix("#OK")
            let text = valid ? line.split(separator: " ")[0] : Substring(line)
            let parsed = (try? CVSSVector(parsing: String(text))).flatMap {
                versions.contains($0.version) ? $0 : nil
            }
            if valid && parsed == nil { failures.append("rejected valid \(text)") }
            if !valid && parsed != nil { failures.append("accepted invalid \(text)") }
            if parsed == nil { rejected += 1 }
        }
        #expect(rejected > 5)
        #expect(
            failures.count == 0,
            "\(failures.count) of \(lines.count) failed: \(failures.prefix(5))"
        )
    }

    @Test(arguments: ["v2_roundtrip.list", "v3_roundtrip.list", "v4_roundtrip.list"])
    func vectorsRoundTrip(file: String) throws {
        guard let lines = try Self.lines(file) else { return }
        var failures: [String] = []
        for line in lines {
            let text = String(line.split(separator: " ")[0])
            do {
                let vector = try CVSSVector(parsing: text)
                if vector.description != text { failures.append("\(text) became \(vector.description)") }
            } catch {
                failures.append("\(text): \(error)")
            }
        }
        #expect(lines.count > 5)
        #expect(
            failures.count == 0,
            "\(failures.count) of \(lines.count) failed: \(failures.prefix(5))"
        )
    }

    /// 2 000 random v4.0 vectors (threat and environmental metrics included) scored by FIRST's reference
    /// calculator; see the header of the fixture for its provenance.
    @Test func v4MatchesReferenceCalculator() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("cvss4-first-calculator.txt").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter {
            !$0.hasPrefix("#")
        }
        var failures: [String] = []
        for line in lines {
            let fields = line.split(separator: " ")
            try #require(fields.count == 2)
            let expected = try #require(Double(String(fields[1])))
            let vector = try CVSSVector(parsing: String(fields[0]))
            if vector.score != expected {
                failures.append("\(fields[0]): got \(vector.score), want \(expected)")
            }
        }
        #expect(lines.count == 2_000)
        #expect(
            failures.count == 0,
            "\(failures.count) of \(lines.count) failed: \(failures.prefix(5))"
        )
    }

    /// 1 500 random v3.1 vectors (temporal and environmental metrics included) scored by FIRST's reference
    /// calculator: the base score, and ``CVSSVector/score`` against the environmental score when an
    /// environmental metric is defined, else the temporal score when a temporal one is, else the base score.
    @Test func v31MatchesReferenceCalculator() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("cvss31-first-calculator.txt").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter {
            !$0.hasPrefix("#")
        }
        let environmental = ["CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"]
        var failures: [String] = []
        for line in lines {
            let fields = line.split(separator: " ").map(String.init)
            try #require(fields.count == 4)
            let vector = try CVSSVector(parsing: fields[0])
            let hasEnvironmental = environmental.contains { (vector.value(of: $0) ?? "X") != "X" }
            let hasTemporal = ["E", "RL", "RC"].contains { (vector.value(of: $0) ?? "X") != "X" }
            let expected = try #require(Double(hasEnvironmental ? fields[3] : (hasTemporal ? fields[2] : fields[1])))
            if vector.baseScore != Double(fields[1]) || vector.score != expected {
                failures.append("\(fields[0]): got \(vector.baseScore)/\(vector.score), want \(fields[1])/\(expected)")
            }
        }
        #expect(lines.count == 1_500)
        #expect(failures.count == 0, "\(failures.count) of \(lines.count) failed: \(failures.prefix(5))")
    }
}
