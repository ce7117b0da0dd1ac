public import ArgumentParser
import Foundation
import KubernetesAudit
import ProjectConfiguration
import SecurityModel

/// `bulkhead audit k8s`: Kubernetes manifests against the Pod Security Standards and best practices.
public struct AuditKubernetesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "k8s",
        abstract: "Audit Kubernetes manifests against the Pod Security Standards and best practices.",
        discussion: """
            PATH is a manifest (multi-document YAML, JSON, List kinds), a directory searched for *.yaml, \
            *.yml and *.json, or - for standard input (e.g. `helm template … | bulkhead audit k8s -`).
            """,
        aliases: ["kubernetes"]
    )

    @Argument(help: "Manifests, directories, or - for standard input.")
    var paths: [String] = []

    @Option(name: .long, help: "Pod Security Standards level: baseline, restricted, or none (default: restricted).")
    var pssLevel: String?

    @Option(name: .long, help: "Pod Security Standards version: latest or v1.N (default: latest).")
    var pssVersion: String?

    @Flag(name: .long, help: "Run only the Pod Security Standards controls, not the best-practice checks.")
    var noBestPractices = false

    @Option(name: .long, help: "Largest manifest read, in MiB (default 64).")
    var maxFileSize = 64

    @OptionGroup var common: AuditCommonOptions

    @OptionGroup var report: ReportOptions

    public init() {}

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
            let firstDirectory = paths.first.flatMap {
                $0 == "-" ? nil : AuditSession.absolute($0, in: io.currentDirectory)
            }
            let session = try AuditSession(
                name: "audit k8s",
                io: io,
                report: report,
                common: common,
                directory: firstDirectory.map(Self.directory(of:))
            )
            let options = try auditOptions(session)
            let rules = KubernetesAuditor.rules(options)
            if common.listChecks { return session.listChecks(rules) }
            guard !paths.isEmpty else {
                throw ValidationError("name at least one manifest, directory, or - for standard input")
            }
            return audit(session: session, options: options, rules: rules)
        } catch let error as ValidationError {
            io.writeErr("bulkhead audit k8s: \(error.message)\n")
            return ExitStatus.usageOrInput.rawValue
        } catch {
            io.writeErr("bulkhead audit k8s: \(error)\n")
            return ExitStatus.usageOrInput.rawValue
        }
    }

    static func directory(of path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return path
        }
        return (path as NSString).deletingLastPathComponent
    }

    private func auditOptions(_ session: AuditSession) throws -> KubernetesAuditOptions {
        var options = KubernetesAuditOptions()
        let levelName = (pssLevel ?? session.configuration?.auditPSSLevel ?? "restricted").lowercased()
        switch levelName {
        case "none", "off": options.pssLevel = nil
        default:
            guard let level = PSSLevel(rawValue: levelName) else {
                throw ValidationError("unknown --pss-level '\(levelName)'; use baseline, restricted or none")
            }
            options.pssLevel = level
        }
        let versionName = pssVersion ?? session.configuration?.auditPSSVersion ?? "latest"
        guard let version = PSSVersion(parsing: versionName) else {
            throw ValidationError("unknown --pss-version '\(versionName)'; use latest or v1.N (v1.25)")
        }
        options.pssVersion = version
        options.bestPractices = !noBestPractices && (session.configuration?.auditBestPractices ?? true)
        return options
    }

    private func audit(session: AuditSession, options: KubernetesAuditOptions, rules: [RuleDescriptor]) -> Int32 {
        let io = session.io
        var discovery = DockerfileDiscovery(baseDirectory: io.currentDirectory)
        discovery.accepts = { name in
            let lower = name.lowercased()
            return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json")
        }
        discovery.kind = "Kubernetes manifests (*.yaml, *.yml, *.json)"
        discovery.noneFoundCode = "no-manifests"
        let (files, discoveryErrors) = discovery.expand(paths)
        var errors = discoveryErrors
        let reader = SourceFileReader(maximumSize: maxFileSize * 1_048_576)
        let loader = KubernetesManifestLoader(maximumBytes: maxFileSize * 1_048_576)
        let progress = ProgressLine(io: io, total: files.count, label: "Loading manifests")
        let loaded = ParallelMap.map(files) { index, input -> LoadedManifest in
            progress.update(index)
            switch reader.read(path: input.path, display: input.display, io: io) {
            case .failure(let error): return LoadedManifest(results: [], error: error)
            case .text(let text):
                return LoadedManifest(results: loader.load(text: text, path: input.display), error: nil)
            }
        }
        progress.finish()
        errors += loaded.compactMap(\.error)
        let results = loaded.flatMap(\.results)
        let (objects, documentErrors) = KubernetesAuditor.partition(results)
        errors += documentErrors
        // The checks are independent: run them on every core.
        let units = KubernetesAuditor.units(objects: objects, options: options)
        let result = KubernetesAuditor.combine(
            ParallelMap.map(units) { _, unit in unit() },
            objects: objects,
            options: options
        )
        return session.finish(targets: files.map(\.display), findings: result.findings, errors: errors, rules: rules)
    }
}

/// One manifest file's load results, or why it could not be read.
private struct LoadedManifest: Sendable {
    var results: [Result<ManifestDocument, ManifestLoadError>]
    var error: TargetError?
}
