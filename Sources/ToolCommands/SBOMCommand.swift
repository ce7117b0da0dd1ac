public import ArgumentParser
import Catalogers
import Foundation
import ImageSources
import OCIImage
import SBOMFormats
import SecurityModel

/// `bulkhead sbom`: list everything inside an image (OS and language packages) as CycloneDX, SPDX,
/// Bulkhead JSON or a table.
public struct SBOMCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sbom",
        abstract: "Generate a software bill of materials for an image, archive, OCI layout or root file system."
    )

    @OptionGroup var target: ImageTargetOptions

    @Option(name: [.short, .long], help: "cyclonedx-json, spdx-json, json or table.")
    var format: String = "table"

    @Option(name: [.short, .long], help: "Write the document to this file instead of standard output.")
    var output: String?

    @Flag(help: "Do not read or write the SBOM cache.")
    var noCache = false

    @Option(help: "Cache directory (default: $XDG_CACHE_HOME/bulkhead/sbom or ~/.cache/bulkhead/sbom).")
    var cacheDir: String?

    public init() {}

    public func validate() throws {
        try target.validateSource()
        guard SBOMFormat(rawValue: format) != nil else {
            throw ValidationError("unknown format '\(format)'; use cyclonedx-json, spdx-json, json or table")
        }
    }

    public func run() throws {
        let status = execute(io: .process)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the command against `io`; returns the exit code.
    public func execute(io: CommandIO) -> Int32 {
        guard let sbomFormat = SBOMFormat(rawValue: format) else { return ExitStatus.usageOrInput.rawValue }
        do {
            let opened = try ImageAnalyzer.open(target.settings(io: io))
            let cache =
                noCache
                ? nil : SBOMCache(directory: cacheDir ?? SBOMCache.defaultDirectory(environment: io.environment))
            var cacheKey: String? = nil
            var resolved: ResolvedImage? = nil
            if cache != nil, case .image(let source, _) = opened { resolved = try source.resolve() }
            if let cache, let identity = resolved?.metadata,
                let digest = identity.configDigest ?? identity.manifestDigest
            {
                let key = SBOMCache.key(
                    imageIdentity: digest,
                    catalogers: ImageAnalyzer.catalogers.map { ($0.id, $0.version) },
                    format: format
                )
                if let document = cache.load(key) { return emit(document, io: io) }
                cacheKey = key
            }
            let progress = ProgressLine(io: io, total: 100, label: "Reading image")
            progress.update(0)
            let analysis = try ImageAnalyzer.analyze(opened, resolved: resolved, extraRequired: { _ in false })
            progress.finish()
            let inventory = Inventory(
                subject: analysis.isImage ? .image(analysis.metadata) : .directory(path: analysis.metadata.reference),
                operatingSystem: analysis.operatingSystem,
                packages: analysis.packages,
                diagnostics: analysis.diagnostics,
                tool: Inventory.Tool(version: Bulkhead.version),
                created: Self.timestamp(environment: io.environment)
            )
            let document = sbomFormat.render(inventory)
            if let cache, let cacheKey { cache.store(cacheKey, document) }
            for d in analysis.diagnostics { io.writeErr("warning: \(d.catalogerID): \(d.path): \(d.message)\n") }
            return emit(document, io: io)
        } catch let error as ImageError {
            io.writeErr("bulkhead sbom: \(error)\n")
            return ExitStatus.usageOrInput.rawValue
        } catch {
            io.writeErr("bulkhead sbom: internal error: \(error)\n")
            return ExitStatus.internalError.rawValue
        }
    }

    /// `SOURCE_DATE_EPOCH` when set (reproducible documents), else now.
    static func timestamp(environment: [String: String]) -> String {
        let seconds = environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) } ?? Int64(Date().timeIntervalSince1970)
        return SBOMTimestamp.rfc3339(secondsSinceEpoch: seconds)
    }

    private func emit(_ document: String, io: CommandIO) -> Int32 {
        if let output {
            do {
                try ReportOutput.write(document, to: output)
            } catch {
                io.writeErr("bulkhead sbom: cannot write \(output): \(error.localizedDescription)\n")
                return ExitStatus.usageOrInput.rawValue
            }
        } else {
            io.writeOut(document)
        }
        return ExitStatus.success.rawValue
    }
}
