internal import Foundation

/// What a finished child process left behind.
public typealias ProcessOutput = (status: Int32, stdout: String, stderr: String)

/// A child process could not be started.
public struct ProcessLaunchError: Error, Sendable, CustomStringConvertible {
    /// Why.
    public var message: String

    public init(message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// Runs `arguments` (the first one looked up in `PATH` unless it contains a `/`), feeding `stdin`,
/// and returns the exit status (or terminating signal) with everything written to stdout and stderr.
///
/// Output goes through temporary files, so neither side can dead-lock on a full pipe; the calling task
/// is suspended, not blocked, while the process runs. Invalid UTF-8 in the output is repaired.
public func runProcess(
    _ arguments: [String],
    stdin: String? = nil,
    environment: [String: String]? = nil
) async throws -> ProcessOutput {
    let launch = try ProcessLaunch(arguments, stdin: stdin, environment: environment)
    defer { launch.cleanUp() }
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        launch.process.terminationHandler = { process in continuation.resume(returning: process.terminationStatus) }
        do {
            try launch.process.run()
        } catch {
            launch.process.terminationHandler = nil
            continuation.resume(throwing: ProcessLaunchError(message: "cannot run \(arguments): \(error)"))
        }
    }
    return launch.output(status: status)
}

/// Blocking variant of `runProcess` for synchronous callers (for example
/// trait conditions). Prefer the `async` one inside tests: it does not hold a cooperative thread.
public func runProcessBlocking(
    _ arguments: [String],
    stdin: String? = nil,
    environment: [String: String]? = nil
) throws -> ProcessOutput {
    let launch = try ProcessLaunch(arguments, stdin: stdin, environment: environment)
    defer { launch.cleanUp() }
    do {
        try launch.process.run()
    } catch {
        throw ProcessLaunchError(message: "cannot run \(arguments): \(error)")
    }
    launch.process.waitUntilExit()
    return launch.output(status: launch.process.terminationStatus)
}

/// A configured, not yet started process with its temporary stdin/stdout/stderr files.
private struct ProcessLaunch {
    let process = Process()
    let directory: URL
    let stdoutURL: URL
    let stderrURL: URL

    init(_ arguments: [String], stdin: String?, environment: [String: String]?) throws {
        guard let executable = arguments.first else { throw ProcessLaunchError(message: "no command given") }
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(arguments.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
        }
        if let environment { process.environment = environment }
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("bulkhead-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let stdinURL = directory.appendingPathComponent("stdin")
        stdoutURL = directory.appendingPathComponent("stdout")
        stderrURL = directory.appendingPathComponent("stderr")
        try Data((stdin ?? "").utf8).write(to: stdinURL)
        try Data().write(to: stdoutURL)
        try Data().write(to: stderrURL)
        process.standardInput = try FileHandle(forReadingFrom: stdinURL)
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
    }

    func output(status: Int32) -> ProcessOutput {
        let out = (try? Data(contentsOf: stdoutURL)) ?? Data()
        let err = (try? Data(contentsOf: stderrURL)) ?? Data()
        return (status, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    func cleanUp() {
        for case let handle as FileHandle in [process.standardInput, process.standardOutput, process.standardError] {
            try? handle.close()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
