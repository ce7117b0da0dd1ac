import Foundation
import Glibc
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A `Fixtures/feed_server.py` process on 127.0.0.1, serving `root` on a random free port.
final class FeedServer: Sendable {
    let process: Process
    let port: Int
    let workDirectory: URL

    static let scriptPath: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/feed_server.py").path

    /// True when python3 runs; when false (and integration is not required) the tests skip.
    static let pythonAvailable: Bool = {
        guard let output = try? runProcessBlocking(["python3", "-c", "import http.server"]) else { return false }
        return output.status == 0
    }()

    /// The corpus directory with the real feeds, or nil.
    static var vulndb: String? { Corpus.path("vulndb") }

    /// Whether the server tests can run (or must, under BULKHEAD_INTEGRATION=1).
    static var enabled: Bool {
        let ready = pythonAvailable && vulndb != nil
        if !ready {
            print("FeedDownloadTests: skipping server tests (python3 or the corpus vulndb folder is missing)")
        }
        return ready || Corpus.integrationRequired
    }

    private init(process: Process, port: Int, workDirectory: URL) {
        self.process = process
        self.port = port
        self.workDirectory = workDirectory
    }

    static func start(root: String) async throws -> FeedServer {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("feed-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let portFile = work.appendingPathComponent("port").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptPath, "--root", root, "--port-file", portFile]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let limit = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < limit {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text) {
                return FeedServer(process: process, port: port, workDirectory: work)
            }
            if !process.isRunning { break }
            // A blocking sleep: other suites may keep the cooperative pool busy for seconds, and a
            // suspended task would only resume after the deadline.
            usleep(20_000)
        }
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: work)
        throw ProcessLaunchError(message: "feed_server.py did not start (status \(process.terminationStatus))")
    }

    func url(_ pathAndQuery: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)/\(pathAndQuery)") ?? URL(fileURLWithPath: "/invalid")
    }

    /// Requests the server saw per path (query included), and the most it handled at once.
    func stats() async throws -> (counts: [String: Int], maxInflight: Int) {
        let (data, _) = try await URLSession.shared.data(from: url("__stats"))
        struct Stats: Decodable {
            var counts: [String: Int]
            var max_inflight: Int
        }
        let stats = try JSONDecoder().decode(Stats.self, from: data)
        return (stats.counts, stats.max_inflight)
    }

    /// How many requests the server saw for `pathAndQuery` (as passed to ``url(_:)``).
    func requestCount(_ pathAndQuery: String) async throws -> Int {
        try await stats().counts["/" + pathAndQuery] ?? 0
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            let limit = Date(timeIntervalSinceNow: 3)
            while process.isRunning && Date() < limit { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: workDirectory)
    }

    /// Runs `body` with a server for `root`, stopping it afterwards whatever happens.
    static func with<T>(root: String, _ body: (FeedServer) async throws -> T) async throws -> T {
        let server = try await start(root: root)
        defer { server.stop() }
        return try await body(server)
    }
}
