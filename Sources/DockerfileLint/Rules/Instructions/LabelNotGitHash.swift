import DockerfileSyntax
public import SecurityModel

/// DF3055 (hadolint DL3055): a label typed `hash` in the label schema is not a git commit hash.
///
/// Reads `settings.labelSchema` (hadolint's `label-schema`); silent unless some label has type
/// `hash`. One finding per `LABEL` instruction and offending label.
public struct LabelNotGitHash: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3055",
        slug: "label-not-git-hash",
        aliases: ["DL3055"],
        title: "Label value is not a git commit hash",
        severity: .medium,
        remediation: "Use the full 40-character (or short 7-character) lower-case commit hash.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3055"],
        tags: ["labels", "metadata"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        LabelSchemaCheck.invalidValues(
            in: context,
            ofType: "hash",
            isValid: LabelValueFormats.isGitHash,
            message: { label, value in "Label '\(label)' value '\(value)' is not a git commit hash" }
        )
    }
}
