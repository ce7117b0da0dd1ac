import Foundation
import SecurityModel
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A `bulkhead watch` process running live (the real executable, as root) with its alerts going to a JSON
/// lines file that the test reads while it acts; stopped with SIGTERM (or SIGKILL if it hangs).
final class LiveWatchHarness {
    /// One alert read back from the output file.
    struct Alert: CustomStringConvertible {
        var rule: String
        var output: String
        var fields: [String: String]
        var tags: [String]
        /// When the test first saw it in the file (monotonic).
        var seenAt: ContinuousClock.Instant

        var containerID: String { fields["container.id"] ?? "" }
        var description: String { "\(rule) [\(containerID)] \(output)" }
    }

    let directory: String
    let alertsPath: String
    let errorPath: String
    let process: Process
    private var consumed = 0
    private var pending = ""
    private(set) var alerts: [Alert] = []

    /// The `bulkhead` executable beside the test bundle (or in .build/debug).
    static func executable() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "bulkhead"
            ).path,
            Corpus.repositoryPath(".build/debug/bulkhead"),
        ]
        return try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
            "bulkhead executable not built"
        )
    }

    /// Starts `bulkhead watch` with `arguments` (rules etc.) and `environment` (default: the test's) and waits
    /// (up to 60 s) until it watches.
    init(arguments: [String], environment: [String: String]? = nil) throws {
        directory = NSTemporaryDirectory() + "bulkhead-live-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        alertsPath = directory + "/alerts.jsonl"
        errorPath = directory + "/watch.err"
        _ = FileManager.default.createFile(atPath: alertsPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executable())
        process.arguments =
            [
                "watch", "--no-config", "--json-output", "--output", "file=\(alertsPath)", "--dedup-window", "0",
                "--rate-limit", "off", "--stats",
            ] + arguments
        if let environment { process.environment = environment }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
        let started = ContinuousClock.now
        while !errors.contains("bulkhead watch: watching") {
            guard process.isRunning else {
                throw ProcessLaunchError(message: "bulkhead watch exited early: \(errors)")
            }
            guard ContinuousClock.now - started < .seconds(60) else {
                stop()
                throw ProcessLaunchError(message: "bulkhead watch did not start within 60 s: \(errors)")
            }
            usleep(20_000)
        }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Everything watch wrote to standard error so far.
    var errors: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    /// Reads the alerts appended to the file since the last call.
    func readNewAlerts() {
        guard let handle = FileHandle(forReadingAtPath: alertsPath) else { return }
        defer { try? handle.close() }
        try? handle.seek(toOffset: UInt64(consumed))
        let data = handle.readDataToEndOfFile()
        consumed += data.count
        pending += String(decoding: data, as: UTF8.self)
        let now = ContinuousClock.now
        while let newline = pending.firstIndex(of: "\n") {
            let line = String(pending[..<newline])
            pending.removeSubrange(...newline)
            guard let value = try? JSONParser.parse(line), let rule = value["rule"]?.stringValue else { continue }
            var fields: [String: String] = [:]
            if case .object(let members) = value["output_fields"] {
                for (key, member) in members { fields[key] = member.stringValue ?? member.serialized(pretty: false) }
            }
            let tags = (value["tags"]?.arrayValue ?? []).compactMap(\.stringValue)
            alerts.append(
                Alert(rule: rule, output: value["output"]?.stringValue ?? "", fields: fields, tags: tags, seenAt: now)
            )
        }
    }

    /// Waits until an alert of `rule` satisfying `matching` arrives (or `timeout` passes); returns it and how
    /// long after `since` the test saw it.
    func waitForAlert(
        _ rule: String,
        since: ContinuousClock.Instant,
        timeout: Duration = .seconds(5),
        matching: (Alert) -> Bool = { _ in true }
    ) -> (alert: Alert, latency: Duration)? {
        while true {
            readNewAlerts()
            if let alert = alerts.first(where: { $0.rule == rule && $0.seenAt >= since && matching($0) }) {
                return (alert, alert.seenAt - since)
            }
            if ContinuousClock.now - since > timeout { return nil }
            usleep(5_000)
        }
    }

    /// The alerts seen since `since`.
    func alerts(since: ContinuousClock.Instant) -> [Alert] {
        readNewAlerts()
        return alerts.filter { $0.seenAt >= since }
    }

    /// SIGTERM, then waits up to 30 s for a clean exit (SIGKILL after that); returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGTERM)
        let started = ContinuousClock.now
        while process.isRunning, ContinuousClock.now - started < .seconds(30) { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -1
        }
        readNewAlerts()
        return process.terminationStatus
    }
}
