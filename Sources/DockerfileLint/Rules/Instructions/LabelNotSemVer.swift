import DockerfileSyntax
public import SecurityModel

/// DF3056 (hadolint DL3056): a label typed `semver` in the label schema is not a semantic version.
///
/// Reads `settings.labelSchema` (hadolint's `label-schema`); silent unless some label has type
/// `semver`. One finding per `LABEL` instruction and offending label.
public struct LabelNotSemVer: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3056",
        slug: "label-not-semver",
        aliases: ["DL3056"],
        title: "Label value is not a semantic version",
        severity: .medium,
        remediation: "Use a version such as `1.4.2` or `2.0.0-rc.1`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3056"],
        tags: ["labels", "metadata"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        LabelSchemaCheck.invalidValues(
            in: context,
            ofType: "semver",
            isValid: LabelValueFormats.isSemVer,
            message: { label, value in "Label '\(label)' value '\(value)' is not a semantic version" }
        )
    }
}
