internal import Foundation
import TestSupport
import Testing
import VersionKit

/// Shared helpers for the Maven, RubyGems, NuGet and Composer comparator tests.
enum PackageVersionOracle {
    /// Runs the corpus file through `V` and returns the failing rows (described); nil when the corpus is missing.
    static func corpusFailures<V: EcosystemVersion>(_ type: V.Type, file: String) -> (rows: Int, failures: [String])? {
        guard let rows = OrderingFixture.corpusRows(file) else { return nil }
        var failures: [String] = []
        for row in rows {
            do {
                let lhs = try V(parsing: row.lhs)
                let rhs = try V(parsing: row.rhs)
                let actual: OrderingFixture.Relation = lhs < rhs ? .less : (rhs < lhs ? .greater : .equal)
                if actual != row.relation || (lhs == rhs) != (actual == .equal) {
                    failures.append("\(file) \(row) got \(actual.rawValue)")
                }
            } catch {
                failures.append("\(file) \(row) threw \(error)")
            }
        }
        return (rows.count, failures)
    }

    /// Checks the corpus file, skipping with a printed reason when the corpus is missing.
    /// `knownDifferences` are rows (`lhs op rhs`) where the native tool disagrees with the file; each must
    /// still be present and still fail, so a fixed file or comparator is noticed.
    static func checkCorpus<V: EcosystemVersion>(_ type: V.Type, file: String, knownDifferences: Set<String> = []) {
        guard let (count, failures) = corpusFailures(type, file: file) else {
            if Corpus.integrationRequired {
                Issue.record("corpus file \(file) missing")
            } else {
                print("skipping \(file): corpus missing")
            }
            return
        }
        #expect(count > 0)
        let unexpected = failures.filter { failure in
            !knownDifferences.contains { failure.contains(": \($0) got") || failure.contains(": \($0) threw") }
        }
        #expect(failures.count - unexpected.count == knownDifferences.count, "known differences changed: \(failures)")
        #expect(unexpected.isEmpty, "\(unexpected.count) of \(count) rows failed: \(unexpected.prefix(5))")
    }

    /// Every version string on either side of the corpus file's rows.
    static func corpusVersions(_ files: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for file in files {
            for row in OrderingFixture.corpusRows(file) ?? [] {
                for text in [row.lhs, row.rhs] where seen.insert(text).inserted { result.append(text) }
            }
        }
        return result
    }

    /// Reflexivity, antisymmetry and transitivity over a sorted sample.
    static func checkOrderLaws<V: EcosystemVersion>(_ versions: [V]) {
        let sorted = versions.sorted()
        var violations: [String] = []
        for (index, version) in sorted.enumerated() {
            if !(version == version) || version < version { violations.append("reflexive \(version)") }
            if index + 1 < sorted.count {
                let next = sorted[index + 1]
                if next < version { violations.append("sorted order \(version) \(next)") }
                if (version < next) && (next < version) { violations.append("antisymmetric \(version) \(next)") }
                if (version == next) != (!(version < next) && !(next < version)) {
                    violations.append("== vs < \(version) \(next)")
                }
            }
        }
        // Transitivity: for a strided sample, a <= b <= c in sorted order must give a <= c.
        let stride = max(1, sorted.count / 60)
        let sample = Swift.stride(from: 0, to: sorted.count, by: stride).map { sorted[$0] }
        for a in sample.indices {
            for b in a..<sample.count {
                if sample[b] < sample[a] { violations.append("transitive \(sample[a]) \(sample[b])") }
            }
        }
        #expect(violations.isEmpty, "\(violations.count) violations: \(violations.prefix(5))")
    }

    /// Writes the pairs (tab-separated, one per line) and `script` to temporary files, runs
    /// `command(scriptPath, pairsPath)` once for the whole batch and returns one of -1/0/1 per pair,
    /// or nil (after recording/printing why) when the oracle is unavailable.
    static func oracle(
        scriptName: String,
        script: String,
        pairs: [(String, String)],
        probe: [String],
        command: (_ scriptPath: String, _ pairsPath: String) -> [String]
    ) -> [Int]? {
        let unavailable: (String) -> Void = { reason in
            if Corpus.integrationRequired {
                Issue.record("oracle unavailable: \(reason)")
            } else {
                print("skipping differential test: \(reason)")
            }
        }
        guard let probeResult = try? runProcessBlocking(probe), probeResult.status == 0 else {
            unavailable("\(probe.joined(separator: " ")) failed")
            return nil
        }
        let directory = NSTemporaryDirectory() + "versionkit-oracle-\(UUID().uuidString)"
        let path = directory + "/pairs.txt"
        let scriptPath = directory + "/" + scriptName
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = pairs.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n") + "\n"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("cannot write \(path): \(error)")
            return nil
        }
        let output: ProcessOutput
        do {
            output = try runProcessBlocking(command(scriptPath, path))
        } catch {
            Issue.record("oracle failed to start: \(error)")
            return nil
        }
        guard output.status == 0 else {
            Issue.record("oracle \(command(scriptPath, path)) exited \(output.status): \(output.stderr.prefix(2000))")
            return nil
        }
        let results = output.stdout.split(separator: "\n").map { Int($0) ?? 99 }
        print(
            "oracle \(command(scriptName, "pairs").joined(separator: " ")): \(results.count) results for \(pairs.count) rows"
        )
        #expect(results.count == pairs.count, "oracle returned \(results.count) results for \(pairs.count) pairs")
        return results.count == pairs.count ? results : nil
    }

    /// Compares `V` with the oracle's results and returns the disagreements (first few described).
    static func disagreements<V: EcosystemVersion>(
        _ type: V.Type,
        pairs: [(String, String)],
        results: [Int]
    ) -> (count: Int, examples: [String]) {
        var count = 0
        var examples: [String] = []
        for (pair, expected) in zip(pairs, results) {
            guard let lhs = try? V(parsing: pair.0), let rhs = try? V(parsing: pair.1) else {
                count += 1
                if examples.count < 8 { examples.append("unparsable \(pair)") }
                continue
            }
            let actual = lhs < rhs ? -1 : (lhs == rhs ? 0 : 1)
            if actual != expected {
                count += 1
                if examples.count < 8 { examples.append("\(pair.0) vs \(pair.1): ours \(actual), oracle \(expected)") }
            }
        }
        return (count, examples)
    }
}
