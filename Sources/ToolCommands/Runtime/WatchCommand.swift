import AlertFormats
public import ArgumentParser
import FalcoRules
import Foundation
import RuleEngine
import RuntimeEvents
import SecurityModel

/// `bulkhead watch`: runtime detection with Falco rules. For now only `--replay` of a recorded event stream
/// (docs/event-recording.md); the live kernel sensor comes later.
public struct WatchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Detect threats at runtime with Falco rules (for now: replay a recorded event stream).",
        discussion: """
            --replay FILE reads a bulkhead-events recording (docs/event-recording.md; - for standard input), \
            rebuilds the process table and writes one alert per rule match: Falco's text line, or Falco's \
            JSON alert with --json-output. A summary goes to standard error. Exit codes: 0 no alert at or \
            above --fail-on; 1 alerts at or above it; 2 bad usage, rules with errors or an unreadable \
            recording; 3 internal error.
            """
    )

    /// Fields appended to every output, as Falco's `append_output` suggested fields for syscall rules.
    static let suggestedFields: [(key: String, field: String)] = [
        ("container_id", "container.id"), ("container_name", "container.name"),
        ("container_image_repository", "container.image.repository"),
        ("container_image_tag", "container.image.tag"), ("k8s_pod_name", "k8s.pod.name"),
        ("k8s_ns_name", "k8s.ns.name"),
    ]

    @Option(name: .long, help: "Replay a recorded event stream (a file, or - for standard input).")
    var replay: String?

    @Option(name: .long, help: "A rules file or a directory of *.yaml/*.yml rules files. Repeatable, in order.")
    var rules: [String] = []

    @Flag(name: .long, help: "Write alerts as Falco's JSON lines instead of text lines.")
    var jsonOutput = false

    @Option(name: .long, help: "Load only rules at or above this priority (emergency … debug; default debug).")
    var minPriority: String?

    @Option(name: .customLong("rule"), help: "Enable a rule by name, even if its file disables it. Repeatable.")
    var enabledRules: [String] = []

    @Option(name: .customLong("disable-rule"), help: "Disable a rule by name. Repeatable.")
    var disabledRules: [String] = []

    @Option(name: .customLong("enable-tag"), help: "Enable the rules carrying this tag. Repeatable.")
    var enabledTags: [String] = []

    @Option(name: .customLong("disable-tag"), help: "Disable the rules carrying this tag. Repeatable.")
    var disabledTags: [String] = []

    @Option(name: .long, help: "Exit 1 when an alert is at or above this priority, or none (default: none).")
    var failOn = "none"

    @Flag(name: .long, help: "Do not append the container and pod fields to every output.")
    var noAppendOutput = false

    @Option(name: .long, help: "The hostname written in JSON alerts (default: this host's).")
    var hostname: String?

    @Option(name: .long, help: "Largest recording read, in MiB (default 1024).")
    var maxFileSize = 1024

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
            return try replayRecording(io: io)
        } catch {
            io.writeErr("bulkhead watch: \(error.message)\n")
            return ExitStatus.usageOrInput.rawValue
        }
    }

    private func parsePriority(_ text: String, option: String) throws(ValidationError) -> RulePriority {
        guard let priority = RulePriority(parsing: text) else {
            throw ValidationError(
                "unknown \(option) '\(text)'; use emergency, alert, critical, error, warning, notice, "
                    + "informational or debug"
            )
        }
        return priority
    }

    private func engineOptions(_ ruleSet: RuleSet) throws(ValidationError) -> RuleEngineOptions {
        let names = Set(ruleSet.rules.map(\.name))
        for name in enabledRules + disabledRules where !names.contains(name) {
            throw ValidationError("no rule named '\(name)' in the rules files")
        }
        return RuleEngineOptions(
            minimumPriority: try minPriority.map { p throws(ValidationError) in
                try parsePriority(p, option: "--min-priority")
            } ?? .debug,
            enabledRules: Set(enabledRules),
            disabledRules: Set(disabledRules),
            enabledTags: Set(enabledTags),
            disabledTags: Set(disabledTags)
        )
    }

    private func replayRecording(io: CommandIO) throws(ValidationError) -> Int32 {
        guard let replay else {
            throw ValidationError("the live sensor is not available yet; use --replay FILE")
        }
        guard !rules.isEmpty else { throw ValidationError("name the rules with --rules FILE|DIR") }
        let failThreshold: RulePriority? =
            ["none", "never"].contains(failOn.lowercased()) ? nil : try parsePriority(failOn, option: "--fail-on")

        let loaded = RulesFileLoading().load(rules, io: io)
        for error in loaded.errors { io.writeErr("bulkhead watch: \(error.message)\n") }
        for diagnostic in loaded.ruleSet.errors { io.writeErr("\(diagnostic)\n") }
        guard loaded.errors.isEmpty, loaded.ruleSet.isValid else {
            throw ValidationError("the rules have errors (see `bulkhead rules validate`)")
        }
        let engine = RuleEngine(
            ruleSet: RulesFileLoading.loadable(loaded.ruleSet),
            options: try engineOptions(loaded.ruleSet)
        )
        for failure in engine.report.failures { io.writeErr("bulkhead watch: warning: \(failure)\n") }

        let recording = try readRecording(replay, io: io)
        for diagnostic in recording.diagnostics { io.writeErr("\(diagnostic)\n") }

        var templates: [String: OutputTemplate] = [:]
        for compiled in engine.rules { templates[compiled.rule.name] = template(for: compiled.rule, io: io) }
        let host = hostname ?? io.environment["HOSTNAME"] ?? ProcessInfo.processInfo.hostName
        var table = ProcessTable()
        var alertsPerRule: [String: Int] = [:]
        var alerts = 0
        var failing = false
        for event in recording.events {
            table.apply(event)
            for match in engine.evaluate(event, table: table) {
                let rule = match.rule
                let rendered = templates[rule.name]?.render(event, table) ?? (text: rule.output, fields: [])
                let alert = Alert(
                    time: event.timestamp,
                    rule: rule.name,
                    priority: AlertPriority(rawValue: rule.priority.rawValue) ?? .debug,
                    source: rule.source,
                    tags: rule.tags,
                    output: rendered.text,
                    outputFields: rendered.fields,
                    hostname: host
                )
                io.writeOut((jsonOutput ? alert.jsonLine : alert.textLine) + "\n")
                alerts += 1
                alertsPerRule[rule.name, default: 0] += 1
                if let failThreshold, rule.priority <= failThreshold { failing = true }
            }
        }
        var summary =
            "bulkhead watch: \(recording.events.count) events, \(alerts) alerts, "
            + "\(recording.skippedLines) skipped lines, \(engine.rules.count) rules loaded\n"
        let ordered = alertsPerRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        for (rule, count) in ordered { summary += "  \(count)\t\(rule)\n" }
        io.writeErr(summary)
        return failing ? ExitStatus.findings.rawValue : ExitStatus.success.rawValue
    }

    private func readRecording(_ path: String, io: CommandIO) throws(ValidationError) -> DecodedRecording {
        let absolute =
            path == "-" || path.hasPrefix("/") ? path : (io.currentDirectory as NSString).appendingPathComponent(path)
        let reader = SourceFileReader(maximumSize: maxFileSize * 1_048_576)
        switch reader.read(path: absolute, display: path, io: io) {
        case .failure(let error): throw ValidationError(error.message)
        case .text(let text):
            do throws(EventRecordingError) {
                return try EventRecording.decode(text, source: path)
            } catch {
                throw ValidationError("\(error)")
            }
        }
    }

    /// The rule's output with the suggested container fields it does not already show appended.
    private func template(for rule: FalcoRule, io: CommandIO) -> OutputTemplate? {
        let base: OutputTemplate
        do throws(OutputTemplateError) {
            base = try OutputTemplate(rule.output)
        } catch {
            io.writeErr("bulkhead watch: warning: rule '\(rule.name)' (\(rule.origin)): output: \(error)\n")
            return nil
        }
        guard !noAppendOutput else { return base }
        let extra = Self.suggestedFields.filter { !base.fieldNames.contains($0.field) }
        guard !extra.isEmpty else { return base }
        let suffix = extra.map { "\($0.key)=%\($0.field)" }.joined(separator: " ")
        return (try? OutputTemplate(rule.output + " " + suffix)) ?? base
    }
}
