public import SecurityModel

/// GitLab Code Quality JSON: an array of issues, shown in merge requests.
///
/// Each issue has `description` (the message), `check_name` (the rule id), `fingerprint` (32 hex
/// digits from two FNV-1a 64 runs over rule id, place and snippet, unique within the report),
/// `severity` (`info`, `minor`, `major`, `critical`, `blocker`) and `location` (`path`, `lines.begin`).
/// Findings without a file use their image path, image or other place as `path` and line 1.
public struct GitLabCodeQualityReporter: Sendable {
    /// Creates a reporter.
    public init() {}

    /// The serialised array, followed by a newline.
    public func render(_ report: Report) -> String {
        document(report).serialized(pretty: true) + "\n"
    }

    /// The issues as a JSON value.
    public func document(_ report: Report) -> JSONValue {
        var keys = FingerprintKeys()
        return .array(
            report.findings.map { finding in
                let location = finding.location
                let path = location.file ?? location.path ?? location.image ?? location.displayName
                return .object([
                    ("description", .string(finding.message.isEmpty ? finding.title : finding.message)),
                    ("check_name", .string(finding.ruleID)),
                    ("fingerprint", .string(FingerprintKeys.hex128(keys.next(for: finding)))),
                    ("severity", .string(finding.severity.gitLabSeverity)),
                    (
                        "location",
                        .object([
                            ("path", .string(path)),
                            ("lines", .object([("begin", .int(max(1, location.range?.start.line ?? 1)))])),
                        ])
                    ),
                ])
            }
        )
    }
}
