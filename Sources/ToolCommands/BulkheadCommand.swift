public import ArgumentParser
import Foundation

/// The `bulkhead` root command.
public struct Bulkhead: ParsableCommand {
    /// The tool's version.
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "bulkhead",
        abstract: "Container security from Dockerfile to runtime: lint, inspect, scan, audit and watch.",
        discussion: """
            Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; \
            2 bad usage, bad configuration or unreadable input; 3 internal error.
            """,
        version: "bulkhead \(version)",
        subcommands: [
            LintCommand.self, SBOMCommand.self, ImageCommand.self, ScanCommand.self, DatabaseCommand.self,
            AuditCommand.self, RulesCommand.self, WatchCommand.self,
        ]
    )

    public init() {}

    /// Parses `arguments` and runs the command with `io`; returns the exit code. Never calls `exit`.
    public static func run(arguments: [String], io: CommandIO) -> Int32 {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                io.writeOut(message + "\n")
                return ExitStatus.success.rawValue
            }
            io.writeErr(message + "\n")
            return ExitStatus.usageOrInput.rawValue
        }
        do {
            if let lint = command as? LintCommand { return lint.execute(io: io) }
            if let sbom = command as? SBOMCommand { return sbom.execute(io: io) }
            if let image = command as? ImageCommand { return image.execute(io: io) }
            if let scan = command as? ScanCommand { return scan.execute(io: io) }
            if let c = command as? DatabaseCommand.Update { return c.execute(io: io) }
            if let c = command as? DatabaseCommand.Status { return c.execute(io: io) }
            if let c = command as? DatabaseCommand.Export { return c.execute(io: io) }
            if let c = command as? DatabaseCommand.Import { return c.execute(io: io) }
            if let c = command as? DatabaseCommand.KeyGen { return c.execute(io: io) }
            if let c = command as? AuditDockerCommand { return c.execute(io: io) }
            if let c = command as? AuditComposeCommand { return c.execute(io: io) }
            if let c = command as? AuditKubernetesCommand { return c.execute(io: io) }
            if let c = command as? RulesValidateCommand { return c.execute(io: io) }
            if let c = command as? RulesTestCommand { return c.execute(io: io) }
            if let c = command as? WatchCommand { return c.execute(io: io) }
            var other = command
            try other.run()
            return ExitStatus.success.rawValue
        } catch {
            if let exit = error as? ExitCode { return exit.rawValue }
            if exitCode(for: error) == .success {
                // Help requested through a subcommand (`help lint`, `lint --help`).
                let message = fullMessage(for: error)
                if !message.isEmpty { io.writeOut(message + "\n") }
                return ExitStatus.success.rawValue
            }
            io.writeErr("bulkhead: internal error: \(error)\n")
            return ExitStatus.internalError.rawValue
        }
    }

    /// Entry point for the executable.
    public static func runAsMain() -> Never {
        let status = run(arguments: Array(CommandLine.arguments.dropFirst()), io: .process)
        Foundation.exit(status)
    }
}
