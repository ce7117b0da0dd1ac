import ArgumentParser
import Foundation
import ProjectConfiguration
import ReportFormats
import SecurityModel

/// The shared plumbing of one `bulkhead audit …` run: configuration, rule selection, waivers, rendering and
/// the exit code. Each subcommand gathers findings and errors; this turns them into the report.
struct AuditSession {
    let name: String
    let io: CommandIO
    let report: ReportOptions
    let common: AuditCommonOptions
    let configuration: ConfigurationFile?
    let format: OutputFormat
    let failOn: Severity?
    let now: Date

    /// Loads the configuration (unless `--no-config`) from `--config` or the nearest file above `directory`.
    init(
        name: String,
        io: CommandIO,
        report: ReportOptions,
        common: AuditCommonOptions,
        directory: String? = nil,
        now: Date = Date()
    ) throws {
        self.name = name
        self.io = io
        self.report = report
        self.common = common
        let start = directory ?? io.currentDirectory
        configuration =
            report.noConfig
            ? nil
            : try ConfigurationLoader().load(
                explicit: report.config.map { Self.absolute($0, in: io.currentDirectory) },
                startDirectory: start
            )
        format = try report.outputFormat(configured: configuration?.format)
        failOn = try report.failThreshold(configured: configuration?.failOn, defaultValue: .high)
        self.now = now
    }

    static func absolute(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    }

    /// True when `rule` runs: not disabled by `--ignore` or the configuration's `rules.disable`.
    func isActive(_ rule: RuleDescriptor) -> Bool {
        let disabled = common.ignore + (configuration?.disabledRules ?? [])
        return !disabled.contains { rule.isNamed($0) }
    }

    /// Prints the rule listing for `--list-checks`.
    func listChecks(_ rules: [RuleDescriptor], notAutomated: [(id: String, reason: String)] = []) -> Int32 {
        if format == .json {
            let items: [JSONValue] = rules.map { r in
                .object([
                    ("id", .string(r.id)), ("slug", .string(r.slug)),
                    ("aliases", .array(r.aliases.map { .string($0) })), ("title", .string(r.title)),
                    ("severity", .string(severity(of: r).rawValue)), ("enabled", .bool(isActive(r))),
                    ("tags", .array(r.tags.map { .string($0) })),
                ])
            }
            let manual: [JSONValue] = notAutomated.map {
                .object([("id", .string($0.id)), ("reason", .string($0.reason))])
            }
            io.writeOut(
                JSONValue.object([
                    ("schemaVersion", .string(Report.schemaVersion)), ("checks", .array(items)),
                    ("notAutomated", .array(manual)),
                ]).serialized() + "\n"
            )
            return ExitStatus.success.rawValue
        }
        var out = ""
        let width = (rules.map(\.id.count).max() ?? 8) + 1
        for r in rules {
            let sev = severity(of: r).rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            let on = isActive(r) ? "on " : "off"
            out += "\(r.id.padding(toLength: width, withPad: " ", startingAt: 0)) \(sev) \(on) \(r.title)\n"
        }
        for item in notAutomated {
            out += "\(item.id.padding(toLength: width, withPad: " ", startingAt: 0)) manual    -   \(item.reason)\n"
        }
        io.writeOut(out)
        return ExitStatus.success.rawValue
    }

    private func severity(of rule: RuleDescriptor) -> Severity {
        override(for: rule.id, aliases: rule.aliases + [rule.slug]) ?? rule.severity
    }

    private func override(for id: String, aliases: [String]) -> Severity? {
        guard let overrides = configuration?.severityOverrides, !overrides.isEmpty else { return nil }
        for name in [id] + aliases {
            if let s = overrides.first(where: { $0.key.uppercased() == name.uppercased() })?.value { return s }
        }
        return nil
    }

    /// Applies the configuration to raw findings: disabled rules dropped, severities overridden, waived
    /// findings removed (expired waivers are announced on standard error and waive nothing).
    func applyPolicy(_ findings: [Finding]) -> [Finding] {
        let disabled = common.ignore + (configuration?.disabledRules ?? [])
        let waivers = configuration?.ignores ?? []
        for w in waivers where w.isExpired(at: now) {
            let rules = w.rules.isEmpty ? "all rules" : w.rules.joined(separator: ", ")
            let objects = w.objects.isEmpty ? "" : " on \(w.objects.joined(separator: ", "))"
            io.writeErr(
                "warning: \(configuration?.path ?? "configuration"): ignore entry for \(rules)\(objects) expired; "
                    + "its findings are reported again\n"
            )
        }
        return findings.compactMap { f in
            let names = [f.ruleID] + f.aliases
            if disabled.contains(where: { d in names.contains { $0.uppercased() == d.uppercased() } }) { return nil }
            if waivers.contains(where: { $0.waives(f, at: now) }) { return nil }
            var f = f
            if let s = override(for: f.ruleID, aliases: f.aliases) { f.severity = s }
            return f
        }
    }

    /// Renders the report, writes it, and returns the exit code.
    func finish(targets: [String], findings: [Finding], errors: [TargetError], rules: [RuleDescriptor]) -> Int32 {
        let kept = applyPolicy(findings)
        let result = Report(
            tool: ToolInfo(
                name: "bulkhead",
                version: Bulkhead.version,
                informationURI: "https://github.com/bulkhead-sec/bulkhead"
            ),
            command: name,
            targets: targets,
            findings: kept,
            errors: errors,
            rules: rules.filter(isActive)
        )
        let rendered = format.render(
            result,
            options: RenderOptions(color: report.useColor(io: io, format: format), failOn: failOn)
        )
        if let output = report.output {
            do {
                try ReportOutput.write(rendered, to: Self.absolute(output, in: io.currentDirectory))
            } catch {
                io.writeErr("bulkhead \(name): cannot write report to \(output): \(error.localizedDescription)\n")
                return ExitStatus.usageOrInput.rawValue
            }
        } else {
            io.writeOut(rendered)
        }
        if format != .human || report.output != nil {
            for error in errors { io.writeErr("error: \(error.message)\n") }
        }
        if !errors.isEmpty { return ExitStatus.usageOrInput.rawValue }
        if let failOn, kept.contains(where: { $0.severity >= failOn }) { return ExitStatus.findings.rawValue }
        return ExitStatus.success.rawValue
    }
}
