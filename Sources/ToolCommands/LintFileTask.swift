import DockerfileLint
import Foundation
import ProjectConfiguration
import SecurityModel

/// Lints (and with `--fix`, fixes) one input file. Sendable so that files can be processed in parallel.
struct LintFileTask: Sendable {
    let linter: DockerfileLinter
    let reader: SourceFileReader
    let fix: Bool
    let write: Bool
    let config: ConfigurationFile?
    let now: Date
    let io: CommandIO

    struct Outcome: Sendable {
        var findings: [Finding] = []
        var errors: [TargetError] = []
        var diff = ""
    }

    func run(_ input: DockerfileDiscovery.Input) -> Outcome {
        var outcome = Outcome()
        let file = input.display
        let text: String
        switch reader.read(path: input.path, display: file, io: io) {
        case .failure(let error):
            outcome.errors.append(error)
            return outcome
        case .text(let t):
            text = t
        }
        let hasDockerignore = DockerfileDiscovery.hasDockerignore(for: input.path)
        var source = text
        if fix {
            let fixed = FixApplier(linter: linter).fix(source: text, path: file, hasDockerignore: hasDockerignore)
            if fixed.text != text {
                if write, file != "-" {
                    do {
                        try fixed.text.write(toFile: input.path, atomically: true, encoding: .utf8)
                    } catch {
                        outcome.errors.append(
                            TargetError(
                                code: "unwritable",
                                target: file,
                                message: "\(file): cannot write fixed file: \(error.localizedDescription)"
                            )
                        )
                    }
                } else {
                    outcome.diff = UnifiedDiff.make(old: text, new: fixed.text, path: file == "-" ? "stdin" : file)
                }
            }
            source = fixed.text
        }
        let result = linter.lint(source: source, path: file, hasDockerignore: hasDockerignore)
        outcome.findings = applyWaivers(result.findings)
        return outcome
    }

    /// Drops findings covered by an unexpired configuration waiver.
    private func applyWaivers(_ findings: [Finding]) -> [Finding] {
        guard let config, !config.ignores.isEmpty else { return findings }
        return findings.filter { f in !config.ignores.contains { $0.waives(f, at: now) } }
    }
}
