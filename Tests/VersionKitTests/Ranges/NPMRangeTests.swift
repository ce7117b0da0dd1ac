import Foundation
import TestSupport
import Testing
import VersionKit

/// `NPMRange` against node-semver itself (the copy bundled with npm), plus hand-checked cases and fuzzing.
struct NPMRangeTests {
    static let semverCandidates = [
        "/usr/lib/node_modules/npm/node_modules/semver", "/usr/share/nodejs/semver",
        "/usr/local/lib/node_modules/npm/node_modules/semver",
    ]

    /// Reads `{"ranges": [...], "versions": [...]}` on stdin; prints one line per range: `E` when
    /// `new Range()` throws, else one `0`/`1` per version from `Range#test`.
    static let oracleScript = """
        const semver = require(process.argv[1]);
        let input = '';
        process.stdin.on('data', d => input += d);
        process.stdin.on('end', () => {
          const { ranges, versions } = JSON.parse(input);
          const out = [];
          for (const r of ranges) {
            let range;
            try { range = new semver.Range(r, { includePrerelease: process.argv[2] === 'true' }); } catch (e) { out.push('E'); continue; }
            out.push(versions.map(v => range.test(v) ? '1' : '0').join(''));
          }
          process.stdout.write(out.join('\\n') + '\\n');
        });
        """

    static let versionTexts: [String] = {
        var result: [String] = []
        for major in 0...3 {
            for minor in 0...2 { for patch in [0, 1, 3] { result.append("\(major).\(minor).\(patch)") } }
        }
        result += [
            "1.2.3-alpha", "1.2.3-0", "0.0.1-beta.2", "2.0.0-rc.1", "1.0.0-alpha.1", "3.1.0-0",
            "1.2.0-beta",
            "0.1.0-x.7", "1.2.3+build.5", "2.0.0-alpha+meta", "1.3.0-rc.10", "0.0.0-0",
            "1.2.4-alpha.notready",
            "10.20.30", "1.2.3-alpha.10", "0.0.3",
        ]
        return result
    }()

    static func randomPart(_ random: inout SplitMix64) -> String {
        random.oneIn(6) ? random.pick(["x", "X", "*"]) : String(random.pick([0, 0, 1, 1, 2, 3, 10]))
    }

    static func randomVersion(_ random: inout SplitMix64) -> String {
        var text = random.oneIn(10) ? random.pick(["v", "=", "v ", "= "]) : ""
        text += randomPart(&random)
        let length = random.pick([1, 2, 3, 3, 3, 3])
        if length >= 2 { text += "." + randomPart(&random) }
        if length >= 3 { text += "." + randomPart(&random) }
        if length == 3 && random.oneIn(4) {
            text += "-" + random.pick(["alpha", "0", "beta.2", "rc.1", "alpha.1"])
        }
        if random.oneIn(20) { text += "+build" }
        return text
    }

    static func randomComparator(_ random: inout SplitMix64) -> String {
        if random.oneIn(8) {
            return randomVersion(&random) + random.pick([" - ", "  -  ", " -"]) + randomVersion(&random)
        }
        let op = random.pick(["", "", "=", ">", ">=", "<", "<=", "~", "~>", "^", "^", "~"])
        let space = random.oneIn(6) ? " " : ""
        if random.oneIn(30) {
            return random.pick(["*", "", "x", ">=0.0.0", "latest", "1.2.3.4", "01.2.3", ">*"])
        }
        return op + space + randomVersion(&random)
    }

    static func randomRange(_ random: inout SplitMix64) -> String {
        var alternatives: [String] = []
        for _ in 0..<random.pick([1, 1, 1, 2, 3]) {
            let count = random.pick([1, 1, 2, 2, 3])
            alternatives.append(
                (0..<count).map { _ in randomComparator(&random) }.joined(
                    separator: random.pick([" ", " ", "  "])
                )
            )
        }
        var joined = alternatives.joined(separator: random.pick(["||", " || ", "  ||  "]))
        // Now and then JavaScript-only whitespace (no-break space, em space, tab) between tokens.
        if random.oneIn(25) {
            joined = joined.replacing(" ", with: random.pick(["\u{A0}", "\u{2003}", "\t", " \u{FEFF}"]))
        }
        return random.oneIn(10) ? " \(joined)\t" : joined
    }

    /// Range strings from real package.json / package-lock.json files in the corpus.
    static func corpusRanges() -> [String] {
        guard let root = Corpus.path("pkgdb") else { return [] }
        var ranges: Set<String> = []
        let keys: Set<String> = [
            "dependencies", "devDependencies", "peerDependencies", "optionalDependencies", "requires",
        ]
        func collect(_ value: Any, underDependencies: Bool) {
            if let object = value as? [String: Any] {
                for (key, child) in object {
                    if underDependencies, let text = child as? String { ranges.insert(text) }
                    collect(child, underDependencies: keys.contains(key))
                }
            } else if let array = value as? [Any] {
                for child in array { collect(child, underDependencies: false) }
            }
        }
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix("package.json") || relative.hasSuffix("package-lock.json") else {
                continue
            }
            guard let data = FileManager.default.contents(atPath: root + "/" + relative),
                let json = try? JSONSerialization.jsonObject(with: data)
            else { continue }
            collect(json, underDependencies: false)
        }
        return ranges.sorted()
    }

    @Test(arguments: [false, true])
    func agreesWithNodeSemver(includePrerelease: Bool) throws {
        guard
            let semverPath = Self.semverCandidates.first(where: {
                FileManager.default.fileExists(atPath: $0)
            }),
            (try? runProcessBlocking(["node", "--version"]))?.status == 0
        else {
            if Corpus.integrationRequired { Issue.record("node and node-semver are required") }
            print("skipping: node or node-semver not installed")
            return
        }
        var random = SplitMix64(seed: 0x4E50_4D21)
        let real = Self.corpusRanges()
        var ranges = real
        while ranges.count < 3_600 { ranges.append(Self.randomRange(&random)) }
        ranges += [
            "", "*", "x", "1.x", "1.2.*", "1.2 - 2.3.4", "~1.2.3", "^0.2.3", "^0.0.3", "v1.2.3", "=1.2.3",
            ">=1.2.3 <2.0.0", "1.2.3 || >=2.0.0-rc.1 <2.1", "~1.2.3-beta.2", "^1.2.3-alpha", "<=1.2",
            ">1", "<1.x",
            ">= 1.2.3 < 2", "~> 1.2", "^ 1.2", "1.2.3 - 2.x", "x - 1.2", "1 - *", ">=0.0.0",
            "<0.0.0-0 || 1.x",
        ]
        let versions = Self.versionTexts
        let parsedVersions = try versions.map { try SemanticVersion(parsing: $0) }
        let input = try JSONSerialization.data(withJSONObject: ["ranges": ranges, "versions": versions])
        let result = try runProcessBlocking(
            ["node", "-e", Self.oracleScript, semverPath, String(includePrerelease)],
            stdin: String(decoding: input, as: UTF8.self)
        )
        try #require(result.status == 0, "node failed: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        try #require(lines.count == ranges.count)
        var pairs = 0
        var invalid = 0
        var disagreements: [String] = []
        for (range, expected) in zip(ranges, lines) {
            let parsed = try? NPMRange(parsing: range, includePrerelease: includePrerelease)
            if expected == "E" {
                invalid += 1
                if parsed != nil {
                    disagreements.append(
                        "'\(range)': node rejects, we accept as \(parsed?.description ?? "")"
                    )
                }
                continue
            }
            guard let parsed else {
                disagreements.append("'\(range)': node accepts, we reject")
                continue
            }
            for (index, flag) in expected.enumerated() {
                pairs += 1
                if parsed.contains(parsedVersions[index]) != (flag == "1") {
                    disagreements.append("'\(range)' (\(parsed)) vs \(versions[index]): node says \(flag)")
                }
            }
        }
        print(
            "npm ranges (includePrerelease \(includePrerelease)): \(ranges.count) ranges (\(real.count) from the corpus, \(invalid) invalid), \(pairs) pairs"
        )
        #expect(real.count > 20)
        #expect(pairs >= 100_000)
        #expect(invalid > 10)
        #expect(
            disagreements.count == 0,
            "\(disagreements.count) disagreements: \(disagreements.prefix(8))"
        )
    }

    @Test func handCheckedCases() throws {
        func check(_ range: String, _ version: String) throws -> Bool {
            try NPMRange(parsing: range).contains(SemanticVersion(parsing: version))
        }
        #expect(try check("^1.2.3", "1.9.9"))
        #expect(try !check("^1.2.3", "2.0.0"))
        #expect(try check("^0.2.3", "0.2.9"))
        #expect(try !check("^0.2.3", "0.3.0"))
        #expect(try check("~1.2.3", "1.2.7"))
        #expect(try !check("~1.2.3", "1.3.0"))
        #expect(try check("1.2 - 2.3.4", "2.3.4"))
        #expect(try !check("1.2 - 2.3.4", "2.3.5"))
        #expect(try check("1.x", "1.99.0"))
        #expect(try check("", "0.0.1"))
        // The prerelease rule: only prereleases on a tuple named with a prerelease match.
        #expect(try check(">=1.2.3-alpha <2", "1.2.3-beta"))
        #expect(try !check(">=1.2.3-alpha <2", "1.2.4-beta"))
        #expect(
            try NPMRange(parsing: ">=1.2.3 <2", includePrerelease: true).contains(
                SemanticVersion(parsing: "1.5.0-rc.1")
            )
        )
        #expect(throws: VersionParseError.self) { try NPMRange(parsing: "not a range") }
        #expect(try NPMRange(parsing: "^1.2.3").description == ">=1.2.3 <2.0.0-0")
    }

    @Test func randomInputsNeverCrash() {
        var random = SplitMix64(seed: 0xF0F0)
        let alphabet = Array("0123456789.xX*^~<>=- |vV+abc\t\u{A0}é".unicodeScalars)
        var accepted = 0
        let version = (try? SemanticVersion(parsing: "1.2.3")).map { [$0] } ?? []
        for round in 0..<3_000 {
            var scalars = Array(Self.randomRange(&random).unicodeScalars)
            if round % 2 == 0 {
                scalars = (0..<Int(random.next() % 24)).map { _ in random.pick(alphabet) }
            } else if !scalars.isEmpty {
                scalars[Int(random.next() % UInt64(scalars.count))] = random.pick(alphabet)
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            if let range = try? NPMRange(parsing: String(view)) {
                accepted += 1
                _ = version.map(range.contains)
            }
        }
        #expect(accepted > 100)
    }
}
