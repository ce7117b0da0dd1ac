import AdvisoryModel
public import ArgumentParser
import Foundation
import OCIImage
import ReportFormats
import SBOMFormats
import SecurityModel
import VulnerabilityMatching
import VulnerabilityReports
import VulnerabilityStore

/// `bulkhead scan`: find the known vulnerabilities in an image, a root file system, a project
/// directory (lock files) or an SBOM, using the local vulnerability database.
public struct ScanCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find known vulnerabilities in an image, a directory (lock files) or an SBOM.",
        discussion: """
            The database is local (run `bulkhead db update` or `bulkhead db import` first); scanning never \
            goes online. Exit codes: 0 nothing at or above --fail-on, 1 vulnerabilities at or above it, \
            2 unreadable target/database/ignore file/VEX, 3 internal error.
            """
    )

    @Argument(
        help: """
            What to scan: anything `bulkhead sbom` reads (image archive, OCI layout, root file system, \
            engine or registry image), an SBOM file (CycloneDX, SPDX, syft or Bulkhead JSON), or with \
            --fs a project directory.
            """
    )
    var target: String

    @Flag(help: "Treat TARGET as a project directory and read its lock files and manifests.")
    var fs = false

    @Flag(help: "Treat TARGET as an SBOM file (auto-detected for .json files otherwise).")
    var sbom = false

    @Option(help: "Force the image source kind: auto, docker-archive, oci, dir, rootfs, docker, registry.")
    var source: String = "auto"

    @Option(help: "Platform of a multi-platform image (os/arch[/variant]).")
    var platform: String?

    @Flag(help: "Allow plain HTTP to the registry (loopback registries only).")
    var insecureRegistry = false

    @Option(help: "Vulnerability database (default: $BULKHEAD_DB or ~/.cache/bulkhead/db/bulkhead.db).")
    var db: String?

    @Option(name: [.short, .long], help: "table, json, sarif, cyclonedx, openvex, junit, gitlab.")
    var format: String = "table"

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Only report these severities (comma-separated: critical,high,medium,low,info).")
    var severity: String?

    @Flag(help: "Hide vulnerabilities that have no fixed version yet.")
    var ignoreUnfixed = false

    @Option(help: "Exit 1 when a reported vulnerability is at or above this severity (or none).")
    var failOn: String?

    @Option(help: "Ignore file (default: .bulkheadignore in the current directory, when present).")
    var ignoreFile: String?

    @Option(help: "VEX document (OpenVEX or CycloneDX VEX); repeatable. not_affected/fixed hide matches.")
    var vex: [String] = []

    @Option(help: "Warn when the database is older than this many days.")
    var maxAge: Int = 7

    @Flag(help: "Fail (exit 2) instead of warning when the database is older than --max-age.")
    var requireFreshDb = false

    @Option(help: "Colour: auto, always, never (NO_COLOR is honoured).")
    var color: String = "auto"

    public init() {}

    static let formats = ["table", "json", "sarif", "cyclonedx", "openvex", "junit", "gitlab"]

    public func validate() throws {
        guard Self.formats.contains(format) else {
            throw ValidationError("unknown format '\(format)'; use \(Self.formats.joined(separator: ", "))")
        }
        _ = try severityFilter()
        _ = try failThreshold()
        guard maxAge > 0 else { throw ValidationError("--max-age must be a positive number of days") }
    }

    public func run() throws {
        let status = execute(io: .process)
        if status != 0 { throw ExitCode(status) }
    }

    func severityFilter() throws(ValidationError) -> Set<Severity>? {
        guard let severity else { return nil }
        var set = Set<Severity>()
        for word in severity.split(separator: ",") {
            let w = word.trimmingCharacters(in: .whitespaces)
            if w.lowercased() == "unknown" {
                set.insert(.medium)
                continue
            }
            guard let s = Severity(parsing: w) else {
                throw ValidationError("unknown severity '\(w)' in --severity; use critical, high, medium, low, info")
            }
            set.insert(s)
        }
        return set
    }

    func failThreshold() throws(ValidationError) -> Severity? {
        guard let failOn else { return nil }
        if ["none", "never"].contains(failOn.lowercased()) { return nil }
        guard let s = Severity(parsing: failOn) else {
            throw ValidationError(
                "unknown severity '\(failOn)' for --fail-on; use critical, high, medium, low, info or none"
            )
        }
        return s
    }

    /// Runs the scan against `io`; returns the exit code.
    public func execute(io: CommandIO) -> Int32 {
        do {
            return try scan(io: io)
        } catch let error as ScanFailure {
            io.writeErr("bulkhead scan: \(error.message)\n")
            return ExitStatus.usageOrInput.rawValue
        } catch let error as ValidationError {
            io.writeErr("bulkhead scan: \(error.message)\n")
            return ExitStatus.usageOrInput.rawValue
        } catch {
            io.writeErr("bulkhead scan: internal error: \(error)\n")
            return ExitStatus.internalError.rawValue
        }
    }

    private func scan(io: CommandIO) throws -> Int32 {
        let filter = try severityFilter()
        let threshold = try failThreshold()
        let created = SBOMCommand.timestamp(environment: io.environment)

        // 1. The database (opened read-only; a missing or damaged one is a clear error).
        let dbPath = DatabaseLocation.path(option: db, environment: io.environment)
        guard FileManager.default.fileExists(atPath: dbPath) else {
            throw ScanFailure(
                "no vulnerability database at \(dbPath): run `bulkhead db update` (online) or `bulkhead db import BUNDLE` (air-gapped) first"
            )
        }
        let database: VulnerabilityDatabase
        do { database = try VulnerabilityDatabase.open(path: dbPath) } catch {
            throw ScanFailure("\(error)")
        }
        var notes: [String] = []
        // Only the cheap facts: `status()` counts every table and would slow a warm scan down.
        let builtAt = database.builtAt
        let sources = try database.sources()
        if let age = DatabaseLocation.age(of: builtAt), age > Double(maxAge) * 86_400 {
            let message =
                "the vulnerability database is \(DatabaseLocation.describe(age: age)) old (built \(builtAt)); run `bulkhead db update`"
            if requireFreshDb { throw ScanFailure(message + " (--require-fresh-db)") }
            io.writeErr("warning: \(message)\n")
            notes.append(message)
        }

        // 2. The target's packages.
        let subject = try readTarget(io: io)
        notes += subject.notes

        // 3. Match, filter, suppress.
        let outcome = try VulnerabilityMatcher().match(
            packages: subject.packages,
            operatingSystem: subject.operatingSystem,
            lookup: DatabaseLookup(database: database)
        )
        notes += Self.summarised(outcome.notes, label: "packages could not be compared")
        var matches = outcome.matches
        if ignoreUnfixed { matches.removeAll { $0.fixedVersions.isEmpty } }
        if let filter { matches.removeAll { !filter.contains($0.severity) } }
        let policy = try suppressionPolicy(io: io, subjects: subject.identifiers)
        notes += policy.apply(to: &matches)

        let result = ScanResult(
            target: target,
            kind: subject.kind,
            image: subject.image,
            operatingSystem: subject.operatingSystem,
            packages: subject.packages,
            matches: matches,
            notes: notes,
            database: ScanResult.DatabaseInfo(
                path: dbPath,
                builtAt: builtAt,
                sources: sources.map {
                    ScanResult.FeedSummary(id: $0.id, updatedAt: $0.updatedAt, records: $0.recordCount)
                }
            ),
            toolVersion: Bulkhead.version,
            created: created,
            failOn: threshold
        )

        // 4. Render.
        let document = render(result, subject: subject, io: io)
        if let output {
            do { try ReportOutput.write(document, to: output) } catch {
                throw ScanFailure("cannot write \(output): \(error.localizedDescription)")
            }
            if format != "table" {
                io.writeErr(ScanTableReporter(color: false).summary(result) + "\n")
            }
        } else {
            io.writeOut(document)
        }
        return result.failsGate ? ExitStatus.findings.rawValue : ExitStatus.success.rawValue
    }

    private func render(_ result: ScanResult, subject: ScanSubject, io: CommandIO) -> String {
        switch format {
        case "json": return ScanJSONReporter.render(result)
        case "cyclonedx":
            return CycloneDXVulnerabilityEncoder.render(result, inventory: subject.inventory(created: result.created))
        case "openvex":
            return OpenVEXEncoder.render(
                result,
                documentID: "urn:uuid:"
                    + DeterministicUUID.make("bulkhead-openvex:" + result.target + "@" + result.created)
            )
        case "sarif", "junit", "gitlab":
            let report = Report(
                tool: ToolInfo(
                    name: "bulkhead",
                    version: Bulkhead.version,
                    informationURI: "https://github.com/bulkhead-sec/bulkhead"
                ),
                command: "scan",
                targets: [target],
                findings: ScanFindings.findings(result),
                errors: [],
                rules: ScanFindings.rules(result)
            )
            let f: OutputFormat = format == "sarif" ? .sarif : format == "junit" ? .junit : .gitlab
            return f.render(report, options: RenderOptions(color: false, failOn: result.failOn))
        default:
            return ScanTableReporter(color: useColor(io: io)).render(result)
        }
    }

    private func useColor(io: CommandIO) -> Bool {
        output == nil && ReportOptions.colorEnabled(color, io: io)
    }

    private func suppressionPolicy(io: CommandIO, subjects: [String]) throws -> SuppressionPolicy {
        var rules: [IgnoreRule] = []
        let defaultIgnore = io.currentDirectory + "/.bulkheadignore"
        let ignorePath = ignoreFile ?? (FileManager.default.fileExists(atPath: defaultIgnore) ? defaultIgnore : nil)
        if let ignorePath {
            guard let data = FileManager.default.contents(atPath: ignorePath),
                let text = String(data: data, encoding: .utf8)
            else {
                throw ScanFailure("cannot read ignore file \(ignorePath)")
            }
            do { rules = try IgnoreFile.parse(text, path: ignorePath) } catch { throw ScanFailure("\(error)") }
        }
        var statements: [VEXStatement] = []
        for path in vex {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ScanFailure("cannot read VEX file \(path)")
            }
            do { statements += try VEXDocument.parse([UInt8](data), path: path) } catch {
                throw ScanFailure("\(error)")
            }
        }
        return SuppressionPolicy(
            ignoreRules: rules,
            vexStatements: statements,
            subjects: subjects,
            today: String(SBOMTimestamp.rfc3339(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).prefix(10))
        )
    }

    /// Keeps the first few notes of a kind and counts the rest.
    static func summarised(_ notes: [String], label: String) -> [String] {
        guard notes.count > 5 else { return notes }
        return Array(notes.prefix(5)) + ["… and \(notes.count - 5) more \(label)"]
    }

    private func readTarget(io: CommandIO) throws -> ScanSubject {
        if fs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw ScanFailure("--fs: \(target) is not a directory")
            }
            return try ScanSubject.image(settings(io: io, source: "dir"), kind: .filesystem)
        }
        if sbom || ScanSubject.looksLikeSBOM(target) {
            return try ScanSubject.sbom(path: target)
        }
        return try ScanSubject.image(settings(io: io, source: source), kind: .image)
    }

    private func settings(io: CommandIO, source: String) -> ImageTargetSettings {
        ImageTargetSettings(
            argument: target,
            source: source,
            platform: platform,
            insecureRegistry: insecureRegistry,
            environment: io.environment
        )
    }
}

/// A scan error with a message for the user (exit 2).
struct ScanFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
