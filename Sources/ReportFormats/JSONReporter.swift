public import SecurityModel

/// The Bulkhead JSON report: a documented, versioned schema with a stable field order.
///
/// The format is described field by field in `docs/report-schema.md` and by the JSON Schema
/// `docs/report.schema.json`. `schemaVersion` is ``Report/schemaVersion``; fields may be added in
/// minor versions, removing or changing one bumps the major version. Optional members are left out
/// when absent rather than written as `null`.
public struct JSONReporter: Sendable {
    /// The `--fail-on` threshold; when set the summary carries `failOn` and `failed`.
    public var failOn: Severity?
    /// Indent by two spaces (the default) or write a single line.
    public var pretty: Bool

    /// Creates a reporter.
    public init(failOn: Severity? = nil, pretty: Bool = true) {
        self.failOn = failOn
        self.pretty = pretty
    }

    /// The serialised report, followed by a newline.
    public func render(_ report: Report) -> String {
        document(report).serialized(pretty: pretty) + "\n"
    }

    /// The report as a JSON value, for callers that embed it (such as an HTTP API).
    public func document(_ report: Report) -> JSONValue {
        .object([
            ("schemaVersion", .string(Report.schemaVersion)),
            ("tool", .object([("name", .string(report.tool.name)), ("version", .string(report.tool.version))])),
            ("command", .string(report.command)),
            ("targets", .array(report.targets.map { .string($0) })),
            ("summary", summary(report)),
            ("findings", .array(report.findings.map(finding))),
            ("errors", .array(report.errors.map(error))),
        ])
    }

    private func summary(_ report: Report) -> JSONValue {
        let counts = report.countsBySeverity
        var pairs: [(String, JSONValue)] = [("total", .int(report.findings.count))]
        for severity in Severity.allCases.reversed() {
            pairs.append((severity.rawValue, .int(counts[severity, default: 0])))
        }
        pairs.append(("errors", .int(report.errors.count)))
        if let failOn {
            pairs.append(("failOn", .string(failOn.rawValue)))
            pairs.append(("failed", .bool(report.findings.contains { $0.severity >= failOn })))
        }
        return .object(pairs)
    }

    private func finding(_ finding: Finding) -> JSONValue {
        .compactObject([
            ("ruleId", .string(finding.ruleID)),
            ("aliases", .array(finding.aliases.map { .string($0) })),
            ("title", .string(finding.title)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
            ("location", location(finding.location)),
            ("remediation", finding.remediation.map { .string($0) }),
            ("references", .array(finding.references.map { .string($0) })),
            ("tags", .array(finding.tags.map { .string($0) })),
            ("fixable", .bool(finding.fixable)),
        ])
    }

    private func location(_ location: Location) -> JSONValue {
        let range = location.range
        return .compactObject([
            ("file", location.file.map { .string($0) }),
            ("startLine", range.map { .int($0.start.line) }),
            ("startColumn", range.map { .int($0.start.column) }),
            ("endLine", range.map { .int($0.end.line) }),
            ("endColumn", range.map { .int($0.end.column) }),
            ("snippet", location.snippet.map { .string($0) }),
            ("image", location.image.map { .string($0) }),
            ("layer", location.layer.map { .string($0) }),
            ("path", location.path.map { .string($0) }),
            ("container", location.container.map { .string($0) }),
            ("object", location.object.map { .string($0) }),
            ("fieldPath", location.fieldPath.map { .string($0) }),
        ])
    }

    private func error(_ error: TargetError) -> JSONValue {
        .object([
            ("code", .string(error.code)),
            ("target", .string(error.target)),
            ("message", .string(error.message)),
        ])
    }
}
