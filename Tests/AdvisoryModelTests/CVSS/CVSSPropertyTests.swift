import AdvisoryModel
import Foundation
import SecurityModel
import TestSupport
import Testing

/// Seeded random vectors, mutations and random bytes: parsing never crashes, scores stay in range.
struct CVSSPropertyTests {
    /// Metric names and values per version, written from the specifications' vector-string tables.
    static let v2: [(String, [String])] = [
        ("AV", ["L", "A", "N"]), ("AC", ["H", "M", "L"]), ("Au", ["M", "S", "N"]),
        ("C", ["N", "P", "C"]),
        ("I", ["N", "P", "C"]), ("A", ["N", "P", "C"]),
    ]
    static let v2Temporal: [(String, [String])] = [
        ("E", ["U", "POC", "F", "H", "ND"]), ("RL", ["OF", "TF", "W", "U", "ND"]),
        ("RC", ["UC", "UR", "C", "ND"]),
    ]
    static let v2Environmental: [(String, [String])] = [
        ("CDP", ["N", "L", "LM", "MH", "H", "ND"]), ("TD", ["N", "L", "M", "H", "ND"]),
        ("CR", ["L", "M", "H", "ND"]), ("IR", ["L", "M", "H", "ND"]), ("AR", ["L", "M", "H", "ND"]),
    ]
    static let v3: [(String, [String])] = [
        ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("PR", ["N", "L", "H"]), ("UI", ["N", "R"]),
        ("S", ["U", "C"]), ("C", ["H", "L", "N"]), ("I", ["H", "L", "N"]), ("A", ["H", "L", "N"]),
    ]
    static let v3Optional: [(String, [String])] = [
        ("E", ["X", "H", "F", "P", "U"]), ("RL", ["X", "U", "W", "T", "O"]),
        ("RC", ["X", "C", "R", "U"]),
        ("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]), ("AR", ["X", "H", "M", "L"]),
        ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MPR", ["X", "N", "L", "H"]),
        ("MUI", ["X", "N", "R"]), ("MS", ["X", "U", "C"]), ("MC", ["X", "H", "L", "N"]),
        ("MI", ["X", "H", "L", "N"]), ("MA", ["X", "H", "L", "N"]),
    ]
    static let v4: [(String, [String])] = [
        ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("AT", ["N", "P"]), ("PR", ["N", "L", "H"]),
        ("UI", ["N", "P", "A"]), ("VC", ["H", "L", "N"]), ("VI", ["H", "L", "N"]),
        ("VA", ["H", "L", "N"]),
        ("SC", ["H", "L", "N"]), ("SI", ["H", "L", "N"]), ("SA", ["H", "L", "N"]),
    ]
    static let v4Optional: [(String, [String])] = [
        ("E", ["X", "A", "P", "U"]), ("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]),
        ("AR", ["X", "H", "M", "L"]), ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]),
        ("MAT", ["X", "N", "P"]), ("MPR", ["X", "N", "L", "H"]), ("MUI", ["X", "N", "P", "A"]),
        ("MVC", ["X", "H", "L", "N"]), ("MVI", ["X", "H", "L", "N"]), ("MVA", ["X", "H", "L", "N"]),
        ("MSC", ["X", "H", "L", "N"]), ("MSI", ["X", "S", "H", "L", "N"]),
        ("MSA", ["X", "S", "H", "L", "N"]),
        ("S", ["X", "N", "P"]), ("AU", ["X", "N", "Y"]), ("R", ["X", "A", "U", "I"]),
        ("V", ["X", "D", "C"]),
        ("RE", ["X", "L", "M", "H"]), ("U", ["X", "Clear", "Green", "Amber", "Red"]),
    ]

    static func pick(_ table: [(String, [String])], using random: inout SplitMix64) -> [String] {
        table.map { "\($0.0):\($0.1.randomElement(using: &random) ?? "")" }
    }

    /// A random valid vector of a random version.
    static func randomVector(using random: inout SplitMix64) -> String {
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            var parts = pick(v2, using: &random)
            if Bool.random(using: &random) { parts += pick(v2Temporal, using: &random) }
            if Bool.random(using: &random) { parts += pick(v2Environmental, using: &random) }
            return parts.joined(separator: "/")
        case 1, 2:
            let optional = pick(v3Optional, using: &random).filter { _ in
                Int.random(in: 0..<3, using: &random) == 0
            }
            let prefix = Bool.random(using: &random) ? "CVSS:3.0/" : "CVSS:3.1/"
            return prefix + (pick(v3, using: &random) + optional).joined(separator: "/")
        default:
            let optional = pick(v4Optional, using: &random).filter { _ in
                Int.random(in: 0..<3, using: &random) == 0
            }
            return "CVSS:4.0/" + (pick(v4, using: &random) + optional).joined(separator: "/")
        }
    }

    /// The rating table of the version, written independently of the implementation.
    static func expectedSeverity(_ score: Double, _ version: CVSSVersion) -> Severity {
        if version == .v2 { return score >= 7 ? .high : (score >= 4 ? .medium : .low) }
        switch score {
        case 0: return .info
        case 0.1...3.9: return .low
        case 4.0...6.9: return .medium
        case 7.0...8.9: return .high
        default: return .critical
        }
    }

    @Test func randomValidVectorsScoreInRange() throws {
        var random = SplitMix64(seed: 0xC7_55)
        var versions: Set<CVSSVersion> = []
        for _ in 0..<5_000 {
            let text = Self.randomVector(using: &random)
            let vector = try CVSSVector(parsing: text)
            versions.insert(vector.version)
            for score in [vector.score, vector.baseScore] {
                #expect((0...10).contains(score), "\(text) scored \(score)")
                #expect((score * 10).rounded() == score * 10, "\(text) scored \(score), not one decimal")
            }
            #expect(vector.severity == Self.expectedSeverity(vector.score, vector.version), "\(text)")
            #expect(try CVSSVector(parsing: vector.description) == vector, "\(text) does not re-parse")
        }
        #expect(versions.count == 4)
    }

    @Test func mutatedAndRandomInputsNeverCrash() {
        var random = SplitMix64(seed: 0xF022)
        let alphabet = Array("CVS:0123456789./ANLHPRUXMSIEFWTODCYQ-🚮 \u{0}".unicodeScalars)
        // Real vectors from the corpus lists are mutated too (when the corpus is present).
        var corpusVectors: [String] = []
        for file in ["v2_score.list", "v31_score.list", "v4_score.list", "v4_roundtrip.list", "v3_error.list"] {
            let lines = (try? CVSSCorpusTests.lines(file)) ?? nil
            corpusVectors += (lines ?? []).compactMap { $0.split(separator: " ").first.map(String.init) }
        }
        var accepted = 0
        var rejected = 0
        for round in 0..<30_000 {
            let seed =
                round % 3 == 0 && !corpusVectors.isEmpty
                ? corpusVectors[Int.random(in: 0..<corpusVectors.count, using: &random)]
                : Self.randomVector(using: &random)
            var scalars = Array(seed.unicodeScalars)
            switch round % 4 {
            case 0:  // truncate
                scalars = Array(scalars.prefix(Int.random(in: 0...scalars.count, using: &random)))
            case 1:  // replace a few characters
                for _ in 0..<Int.random(in: 1...3, using: &random) where !scalars.isEmpty {
                    scalars[Int.random(in: 0..<scalars.count, using: &random)] =
                        alphabet.randomElement(using: &random) ?? "X"
                }
            case 2:  // duplicate or drop a component
                var parts = String(String.UnicodeScalarView(scalars)).split(separator: "/").map(String.init)
                if let part = parts.randomElement(using: &random), Bool.random(using: &random) {
                    parts.insert(part, at: Int.random(in: 0...parts.count, using: &random))
                } else if !parts.isEmpty {
                    parts.remove(at: Int.random(in: 0..<parts.count, using: &random))
                }
                scalars = Array(parts.joined(separator: "/").unicodeScalars)
            default:  // random characters
                scalars = (0..<Int.random(in: 0...60, using: &random)).map { _ in
                    alphabet.randomElement(using: &random) ?? "X"
                }
            }
            let text = String(String.UnicodeScalarView(scalars))
            do {
                let vector = try CVSSVector(parsing: text)
                accepted += 1
                #expect((0...10).contains(vector.score))
            } catch {
                rejected += 1
                #expect(!error.message.isEmpty)
            }
        }
        #expect(accepted > 1000)
        #expect(rejected > 1000)
    }

    @Test func bestOfPrefersNewestVersion() throws {
        let v2 = "AV:N/AC:L/Au:N/C:P/I:P/A:P"
        let v30 = "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
        let v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"
        let v40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
        #expect(CVSSVector.bestOf([v2, v30, v31, v40])?.description == v40)
        #expect(CVSSVector.bestOf([v40 + "/XX:Y", v30, v2, v31])?.description == v31)
        #expect(CVSSVector.bestOf([v2, "garbage", v30])?.description == v30)
        #expect(CVSSVector.bestOf([v2])?.version == .v2)
        #expect(CVSSVector.bestOf(["", "CVSS:9.9/AV:N"]) == nil)
        // Same version: the first listed wins.
        #expect(
            CVSSVector.bestOf([v31, "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"])?.description == v31
        )
    }

    @Test func knownSpecificationExamples() throws {
        // Scores published with the vectors (NVD / FIRST specification examples).
        #expect(try CVSSVector(parsing: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").score == 9.8)
        #expect(
            try CVSSVector(parsing: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").severity == .critical
        )
        #expect(try CVSSVector(parsing: "AV:N/AC:L/Au:N/C:P/I:P/A:P").score == 7.5)
        #expect(
            try CVSSVector(parsing: "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N").severity == .info
        )
        let error = #expect(throws: CVSSParseError.self) {
            try CVSSVector(parsing: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")
        }
        #expect(error?.code == .missingMetric)
        let duplicate = #expect(throws: CVSSParseError.self) {
            try CVSSVector(parsing: "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
        }
        #expect(duplicate?.code == .duplicateMetric)
        // v3 allows any order and normalises to the specification's order.
        let reordered = try CVSSVector(parsing: "CVSS:3.1/C:H/I:H/A:H/AV:N/AC:L/PR:N/UI:N/S:U")
        #expect(reordered.description == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
    }
}
