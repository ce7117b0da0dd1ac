public import ArgumentParser
import Foundation
import ImageChecks
import ImageSources
import OCIImage
import ReportFormats
import SecurityModel

/// `bulkhead image`: image-level weaknesses (dockle checkpoints, CIS Docker Benchmark section 4,
/// secrets, setuid files, caches, wasted space).
public struct ImageCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "image",
        abstract:
            "Check an image for weaknesses: root user, secrets, setuid files, caches, needless tools, wasted space."
    )

    @OptionGroup var target: ImageTargetOptions

    @OptionGroup var report: ReportOptions

    @Option(name: .long, help: "Disable a check (id such as IMG1001, or an alias such as CIS-DI-0001). Repeatable.")
    var ignore: [String] = []

    public init() {}

    public func validate() throws { try target.validateSource() }

    public func run() throws {
        let status = execute(io: .process)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the command against `io`; returns the exit code.
    public func execute(io: CommandIO) -> Int32 {
        do {
            let format = try report.outputFormat(configured: nil)
            let failOn = try report.failThreshold(configured: nil, defaultValue: .high)
            let checks = ImageCheckCatalogue.all.filter { check in !ignore.contains { check.descriptor.isNamed($0) } }
            let opened = try ImageAnalyzer.open(target.settings(io: io))
            let analysis = try ImageAnalyzer.analyze(opened) { path in
                ImageCheckCatalogue.isRequired(path, checks: checks)
            }
            let trust = io.environment["DOCKER_CONTENT_TRUST"].map { $0 == "1" }
            let input = ImageCheckInput(
                metadata: analysis.metadata,
                tree: analysis.tree,
                statistics: analysis.statistics,
                operatingSystem: analysis.operatingSystem,
                contentTrustEnabled: trust,
                hasImageConfiguration: analysis.isImage ? nil : false
            )
            let findings = ImageCheckCatalogue.run(input, checks: checks)
            let result = Report(
                tool: ToolInfo(
                    name: "bulkhead",
                    version: Bulkhead.version,
                    informationURI: "https://github.com/bulkhead-sec/bulkhead"
                ),
                command: "image",
                targets: [analysis.metadata.reference],
                findings: findings,
                rules: checks.map(\.descriptor)
            )
            let rendered = format.render(
                result,
                options: RenderOptions(color: report.useColor(io: io, format: format), failOn: failOn)
            )
            if let output = report.output {
                try ReportOutput.write(rendered, to: output)
            } else {
                io.writeOut(rendered)
            }
            if let failOn, findings.contains(where: { $0.severity >= failOn }) { return ExitStatus.findings.rawValue }
            return ExitStatus.success.rawValue
        } catch let error as ValidationError {
            io.writeErr("bulkhead image: \(error.message)\n")
            return ExitStatus.usageOrInput.rawValue
        } catch let error as ImageError {
            io.writeErr("bulkhead image: \(error)\n")
            return ExitStatus.usageOrInput.rawValue
        } catch {
            io.writeErr("bulkhead image: error: \(error)\n")
            return ExitStatus.usageOrInput.rawValue
        }
    }
}
