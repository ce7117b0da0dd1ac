import Foundation
import TestSupport
import Testing
import VersionKit

/// `GemRequirement` against RubyGems itself (`Gem::Requirement#satisfied_by?`), plus hand-checked cases and fuzzing.
struct GemRequirementTests {
    /// Reads `{"requirements": [...], "versions": [...]}`; prints one line per requirement: `E` when
    /// `Gem::Requirement.new(*text.split(",", -1))` raises, else one `0`/`1` per version.
    static let oracleScript = """
        require 'json'
        require 'rubygems'
        data = JSON.parse(STDIN.read)
        versions = data['versions'].map { |v| Gem::Version.new(v) }
        data['requirements'].each do |text|
          line = begin
            requirement = Gem::Requirement.new(*text.split(',', -1))
            versions.map { |v| requirement.satisfied_by?(v) ? '1' : '0' }.join
          rescue ArgumentError
            'E'
          end
          puts line
        end
        """

    static let versionTexts: [String] = {
        var result = [
            "0", "0.0.1", "0.1", "1", "1.0", "1.0.0", "1.0.1", "1.1", "1.2", "1.2.3", "1.2.4", "1.3", "2",
            "2.0.0",
        ]
        result += [
            "1.2.3.4", "1.2.10", "1.10", "3.0", "3.1.4", "5.2.4", "5.2.4.3", "5.2.5", "5.3", "6.0.0",
            "10.0",
        ]
        result += [
            "1.0.a", "1.0.0.beta1", "1.2.3.rc1", "1.2.3-rc1", "2.0.0.pre", "2.0.a", "1.3.0.alpha",
            "1.2.b.3",
        ]
        result += [
            "01.2", "1.02", "0.0.0", "1.2.3.0", "5.2.4.a", "1.a", "3", "2.1", "4.0.0.beta", "1.2.3-1",
            " 1.5 ",
        ]
        return result
    }()

    static func randomVersion(_ random: inout SplitMix64) -> String {
        var parts: [String] = []
        for _ in 0..<random.pick([1, 2, 2, 3, 3, 3, 4]) {
            parts.append(String(random.pick([0, 0, 1, 1, 2, 3, 10])))
        }
        var text = parts.joined(separator: ".")
        if random.oneIn(5) {
            text += random.pick([".a", ".beta", ".rc1", ".pre", "-rc1", ".0", "a", ".b.2"])
        }
        if random.oneIn(25) { text = "0" + text }
        return text
    }

    static func randomRequirement(_ random: inout SplitMix64) -> String {
        if random.oneIn(40) {
            return random.pick([
                "", " ", "~>", "abc", ">= 1.0,", "=> 1", "> = 1", "1.0 1", ">=\t1\n", "~> 1.-1",
            ])
        }
        var constraints: [String] = []
        for _ in 0..<random.pick([1, 1, 1, 2, 2, 3]) {
            let op = random.pick(["", "=", "!=", ">", "<", ">=", "<=", "~>", "~>", "~>"])
            let space = random.pick(["", " ", " ", "  "])
            constraints.append(random.pick(["", "", " "]) + op + space + randomVersion(&random))
        }
        return constraints.joined(separator: random.pick([", ", ",", " , "]))
    }

    /// `patched_versions` / `unaffected_versions` entries of the rubysec advisory database in the corpus.
    static func corpusRequirements() throws -> [String] {
        guard let archive = Corpus.path("vulndb/rubygems-rubysec-advisory-db.tar.gz") else { return [] }
        let output = try runProcessBlocking(["tar", "-xzOf", archive, "--wildcards", "gems/*.yml"])
        guard output.status == 0 else { return [] }
        var result: Set<String> = []
        var inList = false
        for line in output.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("patched_versions:") || line.hasPrefix("unaffected_versions:") {
                inList = line.trimmingCharacters(in: .whitespaces).hasSuffix(":")
                continue
            }
            guard inList else { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("-") else {
                inList = false
                continue
            }
            var value = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'",
                value.last == first
            {
                value = String(value.dropFirst().dropLast())
            }
            result.insert(value)
        }
        return result.sorted()
    }

    @Test func agreesWithRubyGems() throws {
        guard (try? runProcessBlocking(["ruby", "--version"]))?.status == 0 else {
            if Corpus.integrationRequired { Issue.record("ruby is required") }
            print("skipping: ruby not installed")
            return
        }
        var random = SplitMix64(seed: 0x6E_4D5)
        let real = try Self.corpusRequirements()
        var requirements = real
        while requirements.count < real.count + 1_700 {
            requirements.append(Self.randomRequirement(&random))
        }
        var versions = Self.versionTexts
        while versions.count < 60 { versions.append(Self.randomVersion(&random)) }
        let parsedVersions = try versions.map { try RubyGemsVersion(parsing: $0) }
        let input = try JSONSerialization.data(withJSONObject: [
            "requirements": requirements, "versions": versions,
        ])
        let result = try runProcessBlocking(
            ["ruby", "-e", Self.oracleScript],
            stdin: String(decoding: input, as: UTF8.self)
        )
        try #require(result.status == 0, "ruby failed: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        try #require(lines.count == requirements.count)
        var pairs = 0
        var invalid = 0
        var disagreements: [String] = []
        for (text, expected) in zip(requirements, lines) {
            let parsed = try? GemRequirement(parsing: text)
            if expected == "E" {
                invalid += 1
                if parsed != nil { disagreements.append("'\(text)': ruby rejects, we accept") }
                continue
            }
            guard let parsed else {
                disagreements.append("'\(text)': ruby accepts, we reject")
                continue
            }
            for (index, flag) in expected.enumerated() {
                pairs += 1
                if parsed.isSatisfied(by: parsedVersions[index]) != (flag == "1") {
                    disagreements.append("'\(text)' vs '\(versions[index])': ruby says \(flag)")
                }
            }
        }
        print(
            "gem requirements: \(requirements.count) (\(real.count) from rubysec, \(invalid) invalid), \(pairs) pairs"
        )
        #expect(real.count > 1_000)
        #expect(pairs >= 100_000)
        #expect(invalid > 5)
        #expect(
            disagreements.count == 0,
            "\(disagreements.count) disagreements: \(disagreements.prefix(8))"
        )
    }

    @Test func handCheckedCases() throws {
        func check(_ requirement: String, _ version: String) throws -> Bool {
            try GemRequirement(parsing: requirement).isSatisfied(by: RubyGemsVersion(parsing: version))
        }
        #expect(try check("~> 5.2.4", "5.2.9"))
        #expect(try !check("~> 5.2.4", "5.3.0"))
        #expect(try !check("~> 5.2.4", "5.2.3"))
        #expect(try check("~> 5.2", "5.9"))
        #expect(try !check("~> 5.2", "6.0"))
        // bump drops prerelease segments: `~> 1.2.a` allows up to (not including) 2.
        #expect(try check("~> 1.2.a", "1.9"))
        // release drops the candidate's prerelease: 2.0.a's release 2.0 is not below the bump 2.
        #expect(try !check("~> 1.2", "2.0.a"))
        #expect(try check(">= 1.0, < 2", "1.5"))
        #expect(try !check(">= 1.0, < 2", "2.0"))
        #expect(try !check("!= 1.5", "1.5.0"))
        #expect(try check("= 1.2", "1.2.0"))
        #expect(try check("1.2", "1.2"))
        #expect(throws: VersionParseError.self) { try GemRequirement(parsing: "=> 1.0") }
        #expect(throws: VersionParseError.self) { try GemRequirement(parsing: ">= 1.0,") }
    }

    @Test func randomInputsNeverCrash() {
        var random = SplitMix64(seed: 0x6E_F022)
        let alphabet = Array("0123456789.,~>=<! -abcpre\t\u{0}é".unicodeScalars)
        var accepted = 0
        let version = (try? RubyGemsVersion(parsing: "1.2.3")).map { [$0] } ?? []
        for round in 0..<5_000 {
            var scalars = Array(Self.randomRequirement(&random).unicodeScalars)
            if round % 2 == 0 {
                scalars = (0..<Int(random.next() % 20)).map { _ in random.pick(alphabet) }
            } else if !scalars.isEmpty {
                scalars[Int(random.next() % UInt64(scalars.count))] = random.pick(alphabet)
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            if let requirement = try? GemRequirement(parsing: String(view)) {
                accepted += 1
                _ = version.map(requirement.isSatisfied)
            }
        }
        #expect(accepted > 100)
    }
}
