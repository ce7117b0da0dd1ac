import AdvisoryFeeds
import Foundation
import TestSupport
import Testing

/// Shared helpers for the Alpine, Debian, NVD and enrichment feed tests.
enum DistroFeedTestSupport {
    /// The bytes of a corpus file, or nil (after recording an issue when integration is required).
    static func corpusBytes(_ relative: String) -> [UInt8]? {
        guard let path = Corpus.path(relative), let data = FileManager.default.contents(atPath: path) else {
            print("skipping: corpus file \(relative) is missing")
            #expect(!Corpus.integrationRequired, "corpus file \(relative) is missing")
            return nil
        }
        return [UInt8](data)
    }

    /// The absolute path of a corpus file, or nil (recording an issue when integration is required).
    static func corpusPath(_ relative: String) -> String? {
        guard let path = Corpus.path(relative) else {
            print("skipping: corpus file \(relative) is missing")
            #expect(!Corpus.integrationRequired, "corpus file \(relative) is missing")
            return nil
        }
        return path
    }

    /// The bytes of a fixture beside the tests (`Tests/AdvisoryFeedsTests/<relative>`).
    static func fixtureBytes(_ relative: String) throws -> [UInt8] {
        let path = Corpus.repositoryPath("Tests/AdvisoryFeedsTests/" + relative)
        let data = try #require(FileManager.default.contents(atPath: path), "fixture \(relative) missing")
        return [UInt8](data)
    }

    /// Runs a python3 script and returns its stdout, or nil when python3 is missing.
    static func python(_ script: String, arguments: [String] = []) -> String? {
        do {
            let output = try runProcessBlocking(["python3", "-c", script] + arguments)
            guard output.status == 0 else {
                Issue.record("python3 failed: \(output.stderr)")
                return nil
            }
            return output.stdout
        } catch {
            print("skipping: python3 unavailable (\(error))")
            #expect(!Corpus.integrationRequired, "python3 unavailable")
            return nil
        }
    }

    /// Feeds `parser` seeded mutations of `bytes` (truncations, byte flips, insertions, deletions,
    /// duplicated slices); each run must return records or throw a `FeedError`, never crash.
    /// Returns how many inputs were rejected.
    @discardableResult
    static func fuzz(_ parser: some FeedParser, bytes: [UInt8], path: String, seed: UInt64, rounds: Int) -> Int {
        var random = SplitMix64(seed: seed)
        var rejected = 0
        let interesting: [UInt8] = Array("{}[]\":,\n\t -<>0\\#".utf8) + [0x00, 0xFF, 0xC3]
        for round in 0..<rounds {
            var input = bytes
            let mutations = 1 + Int(random.next() % 4)
            for _ in 0..<mutations where !input.isEmpty {
                let position = Int(random.next() % UInt64(input.count))
                switch (round + Int(random.next() % 5)) % 5 {
                case 0: input.removeSubrange(position...)
                case 1: input[position] = UInt8(truncatingIfNeeded: random.next())
                case 2: input.insert(interesting[Int(random.next() % UInt64(interesting.count))], at: position)
                case 3:
                    let length = min(input.count - position, 1 + Int(random.next() % 64))
                    input.removeSubrange(position..<position + length)
                default:
                    let length = min(input.count - position, 1 + Int(random.next() % 128))
                    input.insert(contentsOf: input[position..<position + length], at: position)
                }
            }
            do {
                _ = try parser.parse(FeedDocument(path: path, bytes: input))
            } catch {
                #expect(error.path == path)
                #expect(!error.reason.isEmpty)
                rejected += 1
            }
        }
        return rejected
    }
}
