import AdvisoryFeeds
public import ArgumentParser
import FeedDownload
import Foundation
import SecurityModel
import VulnerabilityStore

/// `bulkhead db`: manage the local vulnerability database.
public struct DatabaseCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Update, inspect, export and import the local vulnerability database.",
        subcommands: [Update.self, Status.self, Export.self, Import.self, KeyGen.self]
    )

    public init() {}

    /// Options shared by the subcommands.
    struct Location: ParsableArguments {
        @Option(help: "Vulnerability database (default: $BULKHEAD_DB or ~/.cache/bulkhead/db/bulkhead.db).")
        var db: String?

        func path(_ io: CommandIO) -> String { DatabaseLocation.path(option: db, environment: io.environment) }
    }

    /// `db update`.
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download the feeds and rebuild the database; the old one stays usable if anything fails."
        )

        @OptionGroup var location: Location

        @Option(help: "Feeds file (YAML) replacing the built-in feed list (mirrors, air-gapped sites).")
        var feeds: String?

        @Option(
            help: "Only update these feeds: comma-separated feed ids or ecosystems (alpine,pypi,debian,enrichment…)."
        )
        var only: String?

        @Option(help: "Download attempts per feed (retries use exponential backoff).")
        var attempts: Int = 4

        @Flag(help: "List the feeds that would be updated and exit.")
        var list = false

        func execute(io: CommandIO) -> Int32 {
            do {
                var catalogue = FeedCatalogue.defaults
                if let feeds {
                    guard let data = FileManager.default.contents(atPath: feeds),
                        let text = String(data: data, encoding: .utf8)
                    else {
                        io.writeErr("bulkhead db update: cannot read feeds file \(feeds)\n")
                        return ExitStatus.usageOrInput.rawValue
                    }
                    catalogue = try FeedCatalogue.parse(text, path: feeds)
                }
                if let only {
                    let words = only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                        !$0.isEmpty
                    }
                    let unknown = words.filter { w in !catalogue.contains { $0.isSelected(by: w) } }
                    guard unknown.isEmpty else {
                        io.writeErr(
                            "bulkhead db update: --only \(unknown.joined(separator: ",")) selects no feed; known feeds: \(catalogue.map(\.id).joined(separator: ", "))\n"
                        )
                        return ExitStatus.usageOrInput.rawValue
                    }
                    catalogue = catalogue.filter { feed in words.contains { feed.isSelected(by: $0) } }
                }
                if list {
                    for feed in catalogue {
                        io.writeOut("\(feed.id)\t\(feed.kind.rawValue)\t\(feed.urls.joined(separator: " "))\n")
                    }
                    return ExitStatus.success.rawValue
                }
                var config = FeedDownloadConfiguration()
                config.maxAttempts = max(1, attempts)
                config.maxBytes = Int64(FeedImporter().maximumFileSize)
                if let ms = io.environment["BULKHEAD_RETRY_BASE_MS"].flatMap(Int.init) {
                    config.baseDelay = .milliseconds(ms)
                }
                let updater = DatabaseUpdater(
                    databasePath: location.path(io),
                    feeds: catalogue,
                    downloadConfiguration: config,
                    log: { io.writeErr($0 + "\n") }
                )
                let summary = try updater.update()
                if summary.upToDate {
                    io.writeOut("database is up to date (\(summary.unchanged.count) feeds unchanged)\n")
                } else if let status = summary.status {
                    io.writeOut(
                        "updated \(status.path): \(summary.downloaded.count) feeds imported (\(summary.importedAdvisories) advisories, \(summary.importedEnrichments) enrichment records), \(summary.unchanged.count) unchanged; \(status.advisoryCount) advisories in total\n"
                    )
                }
                for s in summary.skipped.prefix(10) { io.writeErr("note: skipped \(s)\n") }
                return ExitStatus.success.rawValue
            } catch let error as UpdateFailure {
                io.writeErr("bulkhead db update: \(error.message)\n")
            } catch let error as FeedCatalogueError {
                io.writeErr("bulkhead db update: \(error)\n")
            } catch let error as VulnerabilityStoreError {
                io.writeErr("bulkhead db update: \(error) — the previous database was kept\n")
            } catch {
                io.writeErr("bulkhead db update: \(error) — the previous database was kept\n")
            }
            return ExitStatus.usageOrInput.rawValue
        }
    }

    /// `db status`.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the database's age, feeds and record counts.")

        @OptionGroup var location: Location

        @Option(help: "Warn when the database is older than this many days.")
        var maxAge: Int = 7

        @Option(name: [.short, .long], help: "table or json.")
        var format: String = "table"

        func execute(io: CommandIO) -> Int32 {
            let path = location.path(io)
            guard FileManager.default.fileExists(atPath: path) else {
                io.writeErr(
                    "bulkhead db status: no database at \(path): run `bulkhead db update` or `bulkhead db import`\n"
                )
                return ExitStatus.usageOrInput.rawValue
            }
            do {
                let status = try VulnerabilityDatabase.open(path: path).status()
                let age = DatabaseLocation.age(of: status.builtAt)
                let stale = age.map { $0 > Double(maxAge) * 86_400 } ?? false
                if format == "json" {
                    io.writeOut(Self.json(status, age: age, stale: stale).serialized() + "\n")
                } else {
                    var out = "database   \(status.path)\n"
                    out += "schema     \(status.schemaVersion)\n"
                    out +=
                        "built      \(status.builtAt)"
                        + (age.map { " (\(DatabaseLocation.describe(age: $0)) ago)" } ?? "") + "\n"
                    out += "size       \(status.fileSize) bytes\n"
                    out += "advisories \(status.advisoryCount), enrichment records \(status.enrichmentCount)\n\n"
                    out += "feed".padding(toLength: 28, withPad: " ", startingAt: 0) + "records  updated\n"
                    for s in status.sources {
                        out +=
                            s.id.padding(toLength: 28, withPad: " ", startingAt: 0)
                            + String(s.recordCount).padding(toLength: 9, withPad: " ", startingAt: 0)
                            + (s.updatedAt ?? "?") + "\n"
                    }
                    out += "\necosystem".padding(toLength: 29, withPad: " ", startingAt: 0) + "advisories\n"
                    for (eco, n) in status.advisoriesPerEcosystem.sorted(by: { $0.key < $1.key }) {
                        out += eco.padding(toLength: 28, withPad: " ", startingAt: 0) + "\(n)\n"
                    }
                    io.writeOut(out)
                }
                if stale, let age {
                    io.writeErr(
                        "warning: the database is \(DatabaseLocation.describe(age: age)) old (more than --max-age \(maxAge) days): run `bulkhead db update`\n"
                    )
                }
                return ExitStatus.success.rawValue
            } catch {
                io.writeErr("bulkhead db status: \(error)\n")
                return ExitStatus.usageOrInput.rawValue
            }
        }

        static func json(_ s: DatabaseStatus, age: Double?, stale: Bool) -> JSONValue {
            .compactObject([
                ("schemaVersion", .int(1)),
                ("path", .string(s.path)),
                ("databaseSchema", .int(s.schemaVersion)),
                ("builtAt", .string(s.builtAt)),
                ("ageSeconds", age.map { .int(Int($0)) }),
                ("stale", .bool(stale)),
                ("sizeBytes", .int(s.fileSize)),
                ("advisories", .int(s.advisoryCount)),
                ("enrichmentRecords", .int(s.enrichmentCount)),
                (
                    "sources",
                    .array(
                        s.sources.map { r in
                            .compactObject([
                                ("id", .string(r.id)), ("kind", r.kind.map(JSONValue.string)),
                                ("url", r.url.map(JSONValue.string)),
                                ("updatedAt", r.updatedAt.map(JSONValue.string)), ("records", .int(r.recordCount)),
                                ("sha256", r.checksumSHA256.map(JSONValue.string)),
                            ])
                        }
                    )
                ),
                (
                    "ecosystems",
                    .object(s.advisoriesPerEcosystem.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
                ),
            ])
        }
    }

    /// `db export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the database as one signed bundle (air-gapped transfer)."
        )

        @OptionGroup var location: Location

        @Argument(help: "Bundle file to write.")
        var bundle: String

        @Option(help: "Private signing key (PEM, from `bulkhead db keygen`).")
        var key: String

        func execute(io: CommandIO) -> Int32 {
            do {
                let signingKey = try BundleSigningKey(contentsOf: key)
                let manifest = try DatabaseBundle.export(
                    database: location.path(io),
                    to: bundle,
                    signingKey: signingKey
                )
                io.writeOut(
                    "wrote \(bundle): database built \(manifest.builtAt), \(manifest.payloadSize) bytes, signed with \(key)\n"
                )
                return ExitStatus.success.rawValue
            } catch {
                io.writeErr("bulkhead db export: \(error)\n")
                return ExitStatus.usageOrInput.rawValue
            }
        }
    }

    /// `db import`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install a signed bundle; refuses a bad signature and keeps the current database."
        )

        @OptionGroup var location: Location

        @Argument(help: "Bundle file to import.")
        var bundle: String

        @Option(help: "Trusted public key (PEM); repeatable.")
        var key: [String]

        func execute(io: CommandIO) -> Int32 {
            do {
                let keys = try key.map { (path) throws(VulnerabilityStoreError) in
                    try BundleVerificationKey(contentsOf: path)
                }
                guard !keys.isEmpty else {
                    io.writeErr("bulkhead db import: give at least one trusted public key with --key\n")
                    return ExitStatus.usageOrInput.rawValue
                }
                let manifest = try DatabaseBundle.import(bundle: bundle, to: location.path(io), trustedKeys: keys)
                io.writeOut("imported \(bundle) into \(location.path(io)): database built \(manifest.builtAt)\n")
                return ExitStatus.success.rawValue
            } catch {
                io.writeErr("bulkhead db import: \(error) — the current database was kept\n")
                return ExitStatus.usageOrInput.rawValue
            }
        }
    }

    /// `db keygen`.
    struct KeyGen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen",
            abstract: "Create a bundle signing key pair (PATH and PATH.pub)."
        )

        @Option(help: "ed25519 or p256.")
        var algorithm: String = "ed25519"

        @Option(help: "Private key file to write; the public key goes to <file>.pub.")
        var out: String

        func execute(io: CommandIO) -> Int32 {
            guard let alg = BundleSigningAlgorithm(rawValue: algorithm) else {
                io.writeErr(
                    "bulkhead db keygen: unknown algorithm '\(algorithm)'; use \(BundleSigningAlgorithm.allCases.map(\.rawValue).joined(separator: " or "))\n"
                )
                return ExitStatus.usageOrInput.rawValue
            }
            do {
                let key = BundleSigningKey.generate(algorithm: alg)
                try key.write(to: out)
                try key.publicKey.write(to: out + ".pub")
                io.writeOut("wrote \(out) (private, keep it secret) and \(out).pub (give this one to importers)\n")
                return ExitStatus.success.rawValue
            } catch {
                io.writeErr("bulkhead db keygen: \(error)\n")
                return ExitStatus.usageOrInput.rawValue
            }
        }
    }
}
