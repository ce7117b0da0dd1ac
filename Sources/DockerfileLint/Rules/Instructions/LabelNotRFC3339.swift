import DockerfileSyntax
public import SecurityModel

/// DF3053 (hadolint DL3053): a label typed `rfc3339` in the label schema is not an RFC 3339 date-time.
///
/// Reads `settings.labelSchema` (hadolint's `label-schema`); silent unless some label has type
/// `rfc3339`. One finding per `LABEL` instruction and offending label.
public struct LabelNotRFC3339: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3053",
        slug: "label-not-rfc3339",
        aliases: ["DL3053"],
        title: "Label value is not an RFC 3339 time",
        severity: .medium,
        remediation: "Use a full timestamp such as `2024-05-01T12:00:00Z`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3053"],
        tags: ["labels", "metadata"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        LabelSchemaCheck.invalidValues(
            in: context,
            ofType: "rfc3339",
            isValid: LabelValueFormats.isRFC3339,
            message: { label, value in "Label '\(label)' value '\(value)' is not an RFC 3339 date-time" }
        )
    }
}
