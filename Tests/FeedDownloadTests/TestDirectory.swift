import Foundation
import TestSupport

/// A fresh temporary directory, removed by ``remove()``.
struct TestDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("feed-download-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func contents() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// SHA-256 of `path` computed by coreutils `sha256sum` (independent of the code under test).
    static func sha256sum(_ path: String) throws -> String {
        let output = try runProcessBlocking(["sha256sum", path])
        guard output.status == 0, let digest = output.stdout.split(separator: " ").first else {
            throw ProcessLaunchError(message: "sha256sum failed: \(output.stderr)")
        }
        return String(digest)
    }
}
