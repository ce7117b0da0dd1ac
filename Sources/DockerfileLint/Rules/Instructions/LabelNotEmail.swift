import DockerfileSyntax
public import SecurityModel

/// DF3058 (hadolint DL3058): a label typed `email` in the label schema is not a valid e-mail address.
///
/// Reads `settings.labelSchema` (hadolint's `label-schema`); silent unless some label has type
/// `email`. One finding per `LABEL` instruction and offending label.
public struct LabelNotEmail: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3058",
        slug: "label-not-email",
        aliases: ["DL3058"],
        title: "Label value is not an e-mail address",
        severity: .medium,
        remediation: "Use an address such as `team@example.com`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3058"],
        tags: ["labels", "metadata"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        LabelSchemaCheck.invalidValues(
            in: context,
            ofType: "email",
            isValid: LabelValueFormats.isEmail,
            message: { label, value in "Label '\(label)' value '\(value)' is not a valid e-mail address" }
        )
    }
}
