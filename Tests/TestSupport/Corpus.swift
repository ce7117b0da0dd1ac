internal import Foundation

/// Finds the repository and the shared test corpus (`../shared/corpus` beside the repository).
///
/// The corpus is read in place and never copied into the repository. Tests that need it, or need a
/// tool such as `python3`, skip when it is missing unless ``integrationRequired`` is true, in which
/// case they must fail.
public enum Corpus {
    /// Absolute path of the repository root (the directory holding `Package.swift`), derived from
    /// this file's `#filePath` (`<root>/Tests/TestSupport/Corpus.swift`).
    public static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // root
        .standardizedFileURL.path

    /// The corpus directory: `$BULKHEAD_CORPUS` when set, else `<repositoryRoot>/../shared/corpus`;
    /// nil when that directory does not exist.
    public static var root: String? {
        let candidate: String
        if let fromEnvironment = ProcessInfo.processInfo.environment["BULKHEAD_CORPUS"], !fromEnvironment.isEmpty {
            candidate = fromEnvironment
        } else {
            candidate =
                URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent()
                .appendingPathComponent("shared/corpus").standardizedFileURL.path
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue
        else { return nil }
        return candidate
    }

    /// The absolute path of `relative` inside the corpus, or nil when the corpus or the file is missing.
    public static func path(_ relative: String) -> String? {
        guard let root else { return nil }
        let full = URL(fileURLWithPath: root).appendingPathComponent(relative).path
        return FileManager.default.fileExists(atPath: full) ? full : nil
    }

    /// The absolute path of `relative` inside the repository (it need not exist).
    public static func repositoryPath(_ relative: String) -> String {
        URL(fileURLWithPath: repositoryRoot).appendingPathComponent(relative).path
    }

    /// True when `BULKHEAD_INTEGRATION=1`: a missing prerequisite (corpus, external tool) is then a test
    /// failure, not a reason to skip.
    public static var integrationRequired: Bool {
        ProcessInfo.processInfo.environment["BULKHEAD_INTEGRATION"] == "1"
    }
}
