public import ArgumentParser
import FalcoRules
import RuleEngine
import SecurityModel

/// `bulkhead rules validate`: loads Falco rules files and reports their errors, warnings and skipped rules.
public struct RulesValidateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate Falco rules files: syntax, references, conditions, outputs.",
        discussion: """
            FILE is a rules file; DIR a directory whose *.yaml and *.yml files are loaded in alphabetical \
            order. Files are loaded in the order given, later ones modifying earlier ones (append, override); \
            @default names the built-in ruleset. \
            Each error names the file, the line and the item (list, macro or rule). A rules file larger than \
            --max-file-size is refused before it is read; only regular files are read (and '-' for standard \
            input). Exit codes: 0 valid (warnings allowed); 2 errors in the rules, bad usage or an unreadable \
            file (see docs/exit-codes.md).
            """
    )

    /// The version of the `--format json` document.
    static let schemaVersion = 1

    @Argument(help: "Rules files or directories.")
    var paths: [String] = []

    @Option(name: .long, help: "Output format: text or json (default: text).")
    var format = "text"

    @Option(name: .long, help: "Largest rules file read, in MiB (default 64).")
    var maxFileSize = RulesFileLoading.defaultMaximumSize / 1_048_576

    /// The largest accepted `--max-file-size`, in MiB (1 TiB: far beyond memory, but no overflow).
    static let maximumFileSizeOption = 1_048_576

    public init() {}

    public func validate() throws {
        if maxFileSize < 1 || maxFileSize > Self.maximumFileSizeOption {
            throw ValidationError("--max-file-size must be between 1 and \(Self.maximumFileSizeOption) (MiB)")
        }
        if format != "text" && format != "json" {
            throw ValidationError("unknown --format '\(format)'; use text or json")
        }
    }

    public func run() throws {
        let status = execute(io: .process)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the command against `io`; returns the exit code.
    public func execute(io: CommandIO) -> Int32 {
        guard !paths.isEmpty else {
            io.writeErr("bulkhead rules validate: name at least one rules file or directory\n")
            return ExitStatus.usageOrInput.rawValue
        }
        let loaded = RulesFileLoading(maximumSize: maxFileSize * 1_048_576).load(paths, io: io)
        let result = Validation(loaded: loaded)
        if format == "json" {
            io.writeOut(result.json.serialized(pretty: true) + "\n")
        } else {
            for error in loaded.errors { io.writeErr("bulkhead rules validate: \(error.message)\n") }
            io.writeOut(result.text)
        }
        return result.errorCount > 0 || !loaded.errors.isEmpty
            ? ExitStatus.usageOrInput.rawValue : ExitStatus.success.rawValue
    }
}

/// The outcome of validating a rule set: the loader's diagnostics plus what compiling every rule found.
private struct Validation {
    struct Skipped {
        var rule: String
        var origin: RuleOrigin
        var reason: String
        var fields: [String]
    }

    var loaded: RulesFileLoading.Loaded
    var diagnostics: [RulesDiagnostic]
    var compiled: Int
    var skipped: [Skipped]

    init(loaded: RulesFileLoading.Loaded) {
        self.loaded = loaded
        let ruleSet = loaded.ruleSet
        // Compile every rule the loader kept, including those their file disables.
        let options = RuleEngineOptions(enabledRules: Set(ruleSet.rules.map(\.name)))
        let engine = RuleEngine(ruleSet: RulesFileLoading.loadable(ruleSet), options: options)
        var diagnostics = ruleSet.diagnostics
        // The loader already reports most condition errors; add only what compiling found beyond them.
        let reported = Set(ruleSet.errors.filter { $0.itemKind == .rule }.map(\.itemName))
        for failure in engine.report.failures where !reported.contains(failure.rule) {
            diagnostics.append(
                RulesDiagnostic(
                    severity: .error,
                    code: .invalidCondition,
                    message: failure.message,
                    file: failure.origin.file,
                    line: failure.origin.line,
                    itemKind: .rule,
                    itemName: failure.rule
                )
            )
        }
        self.diagnostics = diagnostics
        compiled = engine.report.compiled.count
        skipped =
            ruleSet.skippedRules.map {
                Skipped(rule: $0.name, origin: $0.origin, reason: $0.skipReason ?? "", fields: $0.unsupportedFields)
            }
            + engine.report.skipped.map {
                Skipped(rule: $0.rule, origin: $0.origin, reason: $0.reason, fields: $0.unknownFields)
            }
    }

    var errorCount: Int { diagnostics.count { $0.severity == .error } }
    var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    static func line(_ d: RulesDiagnostic) -> String {
        let item = d.itemName.isEmpty ? "\(d.itemKind)" : "\(d.itemKind) '\(d.itemName)'"
        return "\(d.file):\(d.line): \(d.severity.rawValue): \(item): \(d.message)"
    }

    var text: String {
        var out = ""
        for d in diagnostics { out += Self.line(d) + "\n" }
        let ruleSet = loaded.ruleSet
        out += "\(loaded.files.count) file(s): \(ruleSet.lists.count) lists, \(ruleSet.macros.count) macros, "
        out += "\(ruleSet.rules.count) rules (\(compiled) compiled, \(skipped.count) skipped); "
        out += "\(errorCount) error(s), \(warningCount) warning(s)\n"
        for s in skipped {
            out += "skipped: rule '\(s.rule)' (\(s.origin)): \(s.reason)"
            if !s.fields.isEmpty { out += " [fields: \(s.fields.joined(separator: ", "))]" }
            out += "\n"
        }
        out += errorCount == 0 && loaded.errors.isEmpty ? "valid\n" : "invalid\n"
        return out
    }

    var json: JSONValue {
        let ruleSet = loaded.ruleSet
        let items: [JSONValue] = diagnostics.map { d in
            .object([
                ("severity", .string(d.severity.rawValue)),
                ("code", .string(d.code.description)),
                ("file", .string(d.file)),
                ("line", .int(d.line)),
                ("itemKind", .string(d.itemKind.rawValue)),
                ("itemName", .string(d.itemName)),
                ("message", .string(d.message)),
            ])
        }
        let skippedItems: [JSONValue] = skipped.map { s in
            .object([
                ("rule", .string(s.rule)),
                ("file", .string(s.origin.file)),
                ("line", .int(s.origin.line)),
                ("reason", .string(s.reason)),
                ("fields", .array(s.fields.map { .string($0) })),
            ])
        }
        let inputErrors: [JSONValue] = loaded.errors.map { e in
            .object([("code", .string(e.code)), ("target", .string(e.target)), ("message", .string(e.message))])
        }
        return .object([
            ("schemaVersion", .int(RulesValidateCommand.schemaVersion)),
            ("valid", .bool(errorCount == 0 && loaded.errors.isEmpty)),
            ("files", .array(loaded.files.map { .string($0) })),
            ("inputErrors", .array(inputErrors)),
            ("diagnostics", .array(items)),
            (
                "counts",
                .object([
                    ("lists", .int(ruleSet.lists.count)),
                    ("macros", .int(ruleSet.macros.count)),
                    ("rules", .int(ruleSet.rules.count)),
                    ("compiled", .int(compiled)),
                    ("skipped", .int(skipped.count)),
                    ("errors", .int(errorCount)),
                    ("warnings", .int(warningCount)),
                ])
            ),
            ("skippedRules", .array(skippedItems)),
        ])
    }
}
