import Foundation

/// File access for tests: the repository is found from this file's resolved path (the dev package links
/// the test folder into the repository).
enum TestFile {
    /// `<repository>/<relative>`.
    static func repositoryPath(_ relative: String) -> String {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent()  // RuntimeEventsTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository
            .appendingPathComponent(relative).path
    }

    /// The file's text, or nil.
    static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
