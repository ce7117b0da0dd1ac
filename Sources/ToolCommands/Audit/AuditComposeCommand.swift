public import ArgumentParser
import ComposeAudit
import ContainerAudit
import Foundation
import SecurityModel

/// `bulkhead audit compose`: the container checks of `audit docker`, applied statically to Compose files.
public struct AuditComposeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compose",
        abstract: "Audit docker-compose files with the container checks of `audit docker` (CIS Docker v1.6.0).",
        discussion: """
            FILE defaults to compose.yaml, compose.yml, docker-compose.yml or docker-compose.yaml in the current \
            directory; - reads standard input. Variables (${VAR}, ${VAR:-default}) are interpolated as docker \
            compose does: from the environment, then from a .env file next to the Compose file (or --env-file). \
            Checks whose answer depends on the image (user, health check) are skipped when the file leaves them \
            to the image.
            """
    )

    @Argument(help: "Compose files, or - for standard input.")
    var files: [String] = []

    @Option(
        name: .long,
        help: "Read variables from this file instead of the .env next to the Compose file. Repeatable."
    )
    var envFile: [String] = []

    @Flag(name: .long, help: "Interpolate from --env-file only: ignore the environment and .env files.")
    var noEnvironment = false

    @Option(name: .long, help: "Largest Compose file read, in MiB (default 16).")
    var maxFileSize = 16

    @OptionGroup var common: AuditCommonOptions

    @OptionGroup var report: ReportOptions

    public init() {}

    static let defaultNames = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"]

    public func validate() throws {
        if maxFileSize < 1 { throw ValidationError("--max-file-size must be at least 1") }
    }

    public func run() throws {
        let status = execute(io: .process)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the command against `io`; returns the exit code.
    public func execute(io: CommandIO) -> Int32 {
        do {
            let first = files.first.flatMap { $0 == "-" ? nil : AuditSession.absolute($0, in: io.currentDirectory) }
            let session = try AuditSession(
                name: "audit compose",
                io: io,
                report: report,
                common: common,
                directory: first.map { ($0 as NSString).deletingLastPathComponent }
            )
            let rules = ContainerCheckCatalogue.descriptors
            if common.listChecks {
                return session.listChecks(rules, notAutomated: ContainerCheckCatalogue.notAutomated)
            }
            return try audit(session: session, rules: rules)
        } catch let error as ValidationError {
            io.writeErr("bulkhead audit compose: \(error.message)\n")
            return ExitStatus.usageOrInput.rawValue
        } catch {
            io.writeErr("bulkhead audit compose: \(error)\n")
            return ExitStatus.usageOrInput.rawValue
        }
    }

    private func targets(io: CommandIO) throws -> [String] {
        if !files.isEmpty { return files }
        for name in Self.defaultNames
        where FileManager.default.fileExists(atPath: AuditSession.absolute(name, in: io.currentDirectory)) {
            return [name]
        }
        throw ValidationError(
            "no Compose file named; none of \(Self.defaultNames.joined(separator: ", ")) is in \(io.currentDirectory)"
        )
    }

    private func audit(session: AuditSession, rules: [RuleDescriptor]) throws -> Int32 {
        let io = session.io
        let reader = SourceFileReader(maximumSize: maxFileSize * 1_048_576)
        let explicitVariables = try envFile.reduce(into: [String: String]()) { variables, file in
            let path = AuditSession.absolute(file, in: io.currentDirectory)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("--env-file \(file): cannot read it")
            }
            variables.merge(DotEnvFile.parse(text)) { _, new in new }
        }
        let checks = ContainerCheckCatalogue.all.filter { session.isActive($0.descriptor) }
        let auditor = ComposeAuditor(checks: checks)
        var findings: [Finding] = []
        var errors: [TargetError] = []
        var audited: [String] = []
        for file in try targets(io: io) {
            let path = file == "-" ? "-" : AuditSession.absolute(file, in: io.currentDirectory)
            let text: String
            switch reader.read(path: path, display: file, io: io) {
            case .failure(let error):
                errors.append(error)
                continue
            case .text(let t): text = t
            }
            var environment: [String: String] = [:]
            if !noEnvironment {
                if envFile.isEmpty, file != "-" {
                    let dotEnv = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
                        ".env"
                    )
                    if let text = try? String(contentsOfFile: dotEnv, encoding: .utf8) {
                        environment.merge(DotEnvFile.parse(text)) { _, new in new }
                    }
                }
                environment.merge(io.environment) { _, new in new }
            }
            environment.merge(explicitVariables) { _, new in new }
            let result = auditor.audit(text: text, path: file, environment: environment)
            audited.append(file)
            findings += result.findings
            for error in result.errors {
                errors.append(
                    TargetError(
                        code: TargetError.stableCode(error.code.description),
                        target: file,
                        message: error.description
                    )
                )
            }
            for warning in result.warnings { io.writeErr("warning: \(warning)\n") }
        }
        return session.finish(targets: audited, findings: findings, errors: errors, rules: rules)
    }

}

/// A `.env` file as docker compose reads it: `KEY=VALUE` lines, `#` comments, optional `export `, values in
/// single quotes taken literally and in double quotes with `\n` escapes.
enum DotEnvFile {
    static func parse(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for raw in text.split(whereSeparator: \.isNewline) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst("export ".count)) }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { continue }
            if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") {
                value = String(value.dropFirst().dropLast())
            } else if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\n", with: "\n")
            } else if let hash = value.range(of: " #") {
                value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            out[key] = value
        }
        return out
    }
}
