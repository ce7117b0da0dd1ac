import AdvisoryFeeds
import Foundation
import TestSupport
import Testing

/// Helpers shared by the feed tests: corpus files, python3 scripts, temporary directories.
enum FeedTestSupport {
    /// The bytes of a corpus file, or nil (after recording an issue when integration is required,
    /// else printing why the test is skipped).
    static func corpusBytes(_ relative: String) -> [UInt8]? {
        guard let path = Corpus.path(relative), let data = FileManager.default.contents(atPath: path) else {
            skip("corpus file \(relative) is missing")
            return nil
        }
        return [UInt8](data)
    }

    /// True when python3 runs (with PyYAML when `yaml` is true); otherwise skips or records an issue.
    static func pythonAvailable(yaml: Bool = false) -> Bool {
        let probe = yaml ? "import yaml" : "import sys"
        guard let result = try? runProcessBlocking(["python3", "-c", probe]), result.status == 0 else {
            skip("python3\(yaml ? " with PyYAML" : "") is not available")
            return false
        }
        return true
    }

    /// True when ruby runs; otherwise skips or records an issue.
    static func rubyAvailable() -> Bool {
        guard let result = try? runProcessBlocking(["ruby", "-e", "require 'json'"]), result.status == 0 else {
            skip("ruby is not available")
            return false
        }
        return true
    }

    static func skip(_ reason: String) {
        if Corpus.integrationRequired {
            Issue.record("required for integration tests: \(reason)")
        } else {
            print("skipped: \(reason)")
        }
    }

    /// Runs a python3 script (with `arguments` as sys.argv[1:]) and returns its stdout, recording
    /// an issue when it fails.
    static func python(_ script: String, _ arguments: [String] = [], stdin: String? = nil) throws -> String {
        let result = try runProcessBlocking(["python3", "-c", script] + arguments, stdin: stdin)
        if result.status != 0 { Issue.record("python3 failed: \(result.stderr)") }
        return result.stdout
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("feedtests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func read(_ path: String) -> [UInt8] {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
    }

    /// Every document of an archive, or the error.
    static func documents(_ bytes: [UInt8], path: String, limits: FeedLimits = FeedLimits()) -> Result<
        [FeedDocument], FeedError
    > {
        var documents: [FeedDocument] = []
        do throws(FeedError) {
            try FeedArchive.documents(in: bytes, path: path, limits: limits) { document in
                documents.append(document)
            }
            return .success(documents)
        } catch {
            return .failure(error)
        }
    }

    /// The error kind an archive fails with, or nil when it reads.
    static func failureKind(_ bytes: [UInt8], path: String, limits: FeedLimits = FeedLimits()) -> FeedError.Kind? {
        if case .failure(let error) = documents(bytes, path: path, limits: limits) { return error.kind }
        return nil
    }
}
