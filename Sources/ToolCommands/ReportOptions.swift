public import ArgumentParser
import ReportFormats
import SecurityModel

/// Output options shared by every command that produces a report.
public struct ReportOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Output format: human, json, sarif, junit, gitlab.")
    var format: String?

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(
        name: .long,
        help: "Exit 1 when a finding is at or above this severity: critical, high, medium, low, info, none."
    )
    var failOn: String?

    @Option(name: .long, help: "Colour: auto, always, never (NO_COLOR is honoured).")
    var color: String = "auto"

    @Option(name: .long, help: "Configuration file (default: nearest .bulkhead.yaml, else .hadolint.yaml).")
    var config: String?

    @Flag(name: .long, help: "Ignore configuration files.")
    var noConfig = false

    public init() {}

    func outputFormat(configured: String?) throws(ValidationError) -> OutputFormat {
        let name = format ?? configured ?? "human"
        let aliases = ["tty": "human", "text": "human", "codeclimate": "gitlab", "gitlab_codeclimate": "gitlab"]
        guard let f = OutputFormat(rawValue: aliases[name.lowercased()] ?? name.lowercased()) else {
            throw ValidationError("unknown format '\(name)'; use human, json, sarif, junit or gitlab")
        }
        return f
    }

    /// The threshold; nil means never fail on findings.
    func failThreshold(configured: Severity?, defaultValue: Severity) throws(ValidationError) -> Severity? {
        guard let failOn else { return configured ?? defaultValue }
        if failOn.lowercased() == "none" || failOn.lowercased() == "never" { return nil }
        guard let s = Severity(parsing: failOn) else {
            throw ValidationError(
                "unknown severity '\(failOn)' for --fail-on; use critical, high, medium, low, info or none"
            )
        }
        return s
    }

    func useColor(io: CommandIO, format: OutputFormat) -> Bool {
        guard format == .human, output == nil else { return false }
        return Self.colorEnabled(color, io: io)
    }

    /// `--color auto|always|never` for output on standard output: auto means a terminal without
    /// `NO_COLOR` and not `TERM=dumb`.
    static func colorEnabled(_ mode: String, io: CommandIO) -> Bool {
        switch mode.lowercased() {
        case "always": return true
        case "never": return false
        default:
            if io.environment["NO_COLOR"].map({ !$0.isEmpty }) ?? false { return false }
            if io.environment["TERM"] == "dumb" { return false }
            return io.stdoutIsTerminal
        }
    }
}
