public import ArgumentParser
import DockerfileLint
import DockerfileSyntax
import Foundation
import ProjectConfiguration
import ReportFormats
import SecurityModel

/// `bulkhead lint`: Dockerfile linter (hadolint-compatible rules plus Bulkhead's security rules).
public struct LintCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint Dockerfiles against best practices and security rules.",
        discussion: """
            Targets are files, directories (searched for Dockerfile, Containerfile, *.Dockerfile, \
            Dockerfile.*) or - for standard input. Inline comments `# bulkhead ignore=DF3008` and \
            `# hadolint ignore=DL3008` silence a rule on the next instruction.
            """
    )

    @Argument(help: "Dockerfiles, directories, or - for standard input (default: the current directory).")
    var targets: [String] = []

    @OptionGroup var report: ReportOptions

    @Option(name: .long, help: "Disable a rule (id, alias such as DL3008, or slug). Repeatable.")
    var ignore: [String] = []

    @Option(name: .long, help: "Enable a rule that is off by default. Repeatable.")
    var enable: [String] = []

    @Option(name: .long, help: "Allowed registry for FROM images (DL3026). Repeatable.")
    var trustedRegistry: [String] = []

    @Flag(name: .long, help: "Apply safe automatic fixes; prints a unified diff unless --write is given.")
    var fix = false

    @Flag(name: .long, help: "With --fix: write fixed files in place.")
    var write = false

    @Flag(name: .long, help: "List the rules and exit.")
    var listRules = false

    @Option(name: .long, help: "Largest input file in MiB.")
    var maxFileSize: Int = 16

    public init() {}

    public func validate() throws {
        if write && !fix { throw ValidationError("--write requires --fix") }
        if maxFileSize < 1 { throw ValidationError("--max-file-size must be at least 1") }
    }

    public func run() throws {
        let status = execute(io: .process)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the command against `io`; returns the exit code.
    public func execute(io: CommandIO) -> Int32 {
        do {
            return try LintJob(command: self, io: io).run()
        } catch let error as ValidationError {
            io.writeErr("bulkhead lint: \(error.message)\n")
            return ExitStatus.usageOrInput.rawValue
        } catch let error as ConfigurationError {
            io.writeErr("bulkhead lint: configuration error: \(error)\n")
            return ExitStatus.usageOrInput.rawValue
        } catch {
            io.writeErr("bulkhead lint: internal error: \(error)\n")
            return ExitStatus.internalError.rawValue
        }
    }
}

/// One execution of `bulkhead lint`.
struct LintJob {
    let command: LintCommand
    let io: CommandIO

    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (io.currentDirectory as NSString).appendingPathComponent(path)
    }

    func run() throws -> Int32 {
        let targets = command.targets.isEmpty ? ["."] : command.targets
        let firstDir: String = {
            guard let first = targets.first, first != "-" else { return io.currentDirectory }
            var isDir: ObjCBool = false
            let abs = absolute(first)
            if FileManager.default.fileExists(atPath: abs, isDirectory: &isDir), isDir.boolValue { return abs }
            return (abs as NSString).deletingLastPathComponent
        }()
        let config =
            command.report.noConfig
            ? nil
            : try ConfigurationLoader().load(explicit: command.report.config.map(absolute), startDirectory: firstDir)
        let format = try command.report.outputFormat(configured: config?.format)
        let failOn = try command.report.failThreshold(configured: config?.failOn, defaultValue: .high)

        var options = LintOptions()
        options.disabledRules = Set((config?.disabledRules ?? []) + command.ignore)
        options.enabledRules = Set((config?.enabledRules ?? []) + command.enable)
        options.severityOverrides = config?.severityOverrides ?? [:]
        options.allowInlineIgnores = config?.allowInlineIgnores ?? true
        options.settings = RuleSettings(
            trustedRegistries: (config?.trustedRegistries ?? []) + command.trustedRegistry,
            labelSchema: config?.labelSchema ?? [:],
            strictLabels: config?.strictLabels ?? false,
            extraSecretKeys: config?.secretKeys ?? []
        )
        let linter = DockerfileLinter(rules: RuleCatalogue.all, options: options)

        if command.listRules {
            io.writeOut(RuleListing.render(RuleCatalogue.all.map(\.descriptor), options: options, format: format))
            return ExitStatus.success.rawValue
        }

        let (files, discoveryErrors) = DockerfileDiscovery(baseDirectory: io.currentDirectory).expand(targets)
        let reader = SourceFileReader(maximumSize: command.maxFileSize * 1_048_576)
        let now = Date()
        let progress = ProgressLine(io: io, total: files.count, label: "Linting")
        let fileTask = LintFileTask(
            linter: linter,
            reader: reader,
            fix: command.fix,
            write: command.write,
            config: config,
            now: now,
            io: io
        )
        // Files are independent: lint them on every core, keep the input order for the report.
        let outcomes = ParallelMap.map(files) { index, input in
            progress.update(index)
            return fileTask.run(input)
        }
        var errors = discoveryErrors
        var findings: [Finding] = []
        var diffs = ""
        for outcome in outcomes {
            findings.append(contentsOf: outcome.findings)
            errors.append(contentsOf: outcome.errors)
            diffs += outcome.diff
        }
        progress.finish()
        if let config { reportExpiredWaivers(config, now: now) }

        if command.fix && !command.write {
            io.writeOut(diffs)
            if diffs.isEmpty { io.writeErr("No automatic fixes apply.\n") }
            let failed = failOn.map { t in findings.contains { $0.severity >= t } } ?? false
            return errors.isEmpty ? (failed ? ExitStatus.findings.rawValue : 0) : ExitStatus.usageOrInput.rawValue
        }

        let report = Report(
            tool: ToolInfo(
                name: "bulkhead",
                version: Bulkhead.version,
                informationURI: "https://github.com/bulkhead-sec/bulkhead"
            ),
            command: "lint",
            targets: files.map(\.display),
            findings: findings,
            errors: errors,
            rules: linter.activeRules + [ParseErrorRule.descriptor]
        )
        let rendered = format.render(
            report,
            options: RenderOptions(color: command.report.useColor(io: io, format: format), failOn: failOn)
        )
        if let output = command.report.output {
            do {
                try ReportOutput.write(rendered, to: absolute(output))
            } catch {
                io.writeErr("bulkhead lint: cannot write report to \(output): \(error.localizedDescription)\n")
                return ExitStatus.usageOrInput.rawValue
            }
        } else {
            io.writeOut(rendered)
        }
        if format != .human {
            for error in errors { io.writeErr("error: \(error.message)\n") }
        }
        if !errors.isEmpty { return ExitStatus.usageOrInput.rawValue }
        if let failOn, findings.contains(where: { $0.severity >= failOn }) { return ExitStatus.findings.rawValue }
        return ExitStatus.success.rawValue
    }

    private func reportExpiredWaivers(_ config: ConfigurationFile, now: Date) {
        for w in config.ignores where w.isExpired(at: now) {
            let rules = w.rules.isEmpty ? "all rules" : w.rules.joined(separator: ", ")
            io.writeErr("warning: \(config.path): ignore entry for \(rules) expired; its findings are reported again\n")
        }
    }
}
