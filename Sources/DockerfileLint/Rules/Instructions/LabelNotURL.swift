import DockerfileSyntax
public import SecurityModel

/// DF3052 (hadolint DL3052): a label typed `url` in the label schema is not a valid URL.
///
/// Reads `settings.labelSchema` (hadolint's `label-schema`); silent unless some label has type
/// `url`. One finding per `LABEL` instruction and offending label.
public struct LabelNotURL: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3052",
        slug: "label-not-url",
        aliases: ["DL3052"],
        title: "Label value is not a valid URL",
        severity: .medium,
        remediation: "Use an absolute URL such as `https://example.com/project`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3052"],
        tags: ["labels", "metadata"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        LabelSchemaCheck.invalidValues(
            in: context,
            ofType: "url",
            isValid: LabelValueFormats.isURI,
            message: { label, value in "Label '\(label)' value '\(value)' is not a valid URL" }
        )
    }
}
