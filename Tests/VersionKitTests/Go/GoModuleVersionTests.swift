import TestSupport
import Testing
import VersionKit

@Suite struct GoModuleVersionTests {
    private func v(_ text: String) throws -> GoModuleVersion { try GoModuleVersion(parsing: text) }

    @Test func ordering() throws {
        let sorted = [
            "v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-000000000000", "v0.0.0", "v0.1.0",
            "v1.2.3-pre", "v1.2.3-pre.0.20191109021931-daa7c04131f5", "v1.2.3", "v1.2.4-0.20191109021931-daa7c04131f5",
            "v1.2.4", "v2.0.0+incompatible", "v2.0.1",
        ]
        for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(try v(a) < v(b), "\(a) < \(b)") }
        #expect(try v("v2.0.0+incompatible") == v("v2.0.0"))
        #expect(try v("v2.0.0+incompatible").isIncompatible)
        #expect(try v("v0.0.0-20191109021931-daa7c04131f5").pseudoVersionParts?.revision == "daa7c04131f5")
        #expect(try v("v1.2.4-0.20191109021931-daa7c04131f5").isPseudoVersion)
        #expect(try !v("v1.2.4-rc.1").isPseudoVersion)
    }

    @Test func invalidVersionsThrow() {
        for text in ["", "1.2.3", "V1.2.3", "v1.2", "v01.2.3", "v1.2.3+meta", "v1.2.3-", "v1.2.3-01", "vv1.2.3"] {
            #expect(throws: VersionParseError.self, "\(text)") { try GoModuleVersion(parsing: text) }
        }
    }

    @Test func fuzzNeverCrashes() {
        var random = LanguageVersionRandom(seed: 0x60)
        let alphabet = Array("0123456789.-+vVincompatible \u{A0}é🙂")
        for _ in 0..<20_000 {
            let text = String((0..<random.next(upTo: 16)).map { _ in alphabet[random.next(upTo: alphabet.count)] })
            if let version = try? GoModuleVersion(parsing: text) {
                #expect((try? GoModuleVersion(parsing: version.description)) == version)
            }
        }
    }

    @Test func corpusOrdering() throws {
        guard let rows = OrderingFixture.corpusRows("semver-versions.txt") else {
            if Corpus.integrationRequired { Issue.record("corpus file semver-versions.txt missing") }
            print("skipping semver-versions.txt for Go: corpus missing")
            return
        }
        // Go orders exactly like SemVer; the corpus is re-spelled with the mandatory `v` prefix.
        var failures: [String] = []
        var checked = 0
        for row in rows where !row.lhs.hasPrefix("//") {
            let lhsText = "v" + row.lhs.drop { $0 == "v" }, rhsText = "v" + row.rhs.drop { $0 == "v" }
            guard let lhs = try? v(lhsText), let rhs = try? v(rhsText) else { continue }  // non-SemVer or +build
            checked += 1
            let actual: OrderingFixture.Relation = lhs < rhs ? .less : (rhs < lhs ? .greater : .equal)
            if actual != row.relation { failures.append("\(row): got \(actual.rawValue)") }
        }
        #expect(failures.count == 0, "\(failures.count)/\(checked) failed: \(failures.prefix(5))")
        #expect(checked > 40)
    }

    @Test func orderLaws() throws {
        var random = LanguageVersionRandom(seed: 13)
        let sorted = (0..<300).compactMap { _ in try? v(SemVerGenerator.version(&random, prefix: "v")) }.sorted()
        #expect(sorted.count > 100)
        for (index, a) in sorted.enumerated() {
            for b in sorted[index...].prefix(40) {
                #expect(!(b < a), "\(a) \(b)")
                #expect((a == b) == (!(a < b) && !(b < a)))
            }
        }
    }

    /// ≥ 100 000 pairs against univers' `GolangVersion`.
    @Test func differentialAgainstUnivers() throws {
        let disagreements = try SemVerDifferential.run(
            oracle: "go",
            seed: 0x60_D1F,
            prefix: { random in random.next(upTo: 30) == 0 ? "" : "v" }
        ) { text in
            guard let a = try? GoModuleVersion(parsing: text) else { return nil }
            return { other in
                guard let b = try? GoModuleVersion(parsing: other) else { return nil }
                return a < b ? "<" : (b < a ? ">" : "=")
            }
        }
        if let disagreements { #expect(disagreements.count == 0, "\(disagreements.count): \(disagreements.prefix(8))") }
    }
}
