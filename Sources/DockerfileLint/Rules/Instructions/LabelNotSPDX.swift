import DockerfileSyntax
public import SecurityModel

/// DF3054 (hadolint DL3054): a label typed `spdx` in the label schema is not a valid SPDX license identifier.
///
/// Reads `settings.labelSchema` (hadolint's `label-schema`); silent unless some label has type
/// `spdx`. One finding per `LABEL` instruction and offending label.
public struct LabelNotSPDX: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3054",
        slug: "label-not-spdx",
        aliases: ["DL3054"],
        title: "Label value is not an SPDX license id",
        severity: .medium,
        remediation: "Use one SPDX license identifier such as `Apache-2.0` or `MIT`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3054"],
        tags: ["labels", "metadata"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        LabelSchemaCheck.invalidValues(
            in: context,
            ofType: "spdx",
            isValid: SPDXLicenseList.isValid,
            message: { label, value in "Label '\(label)' value '\(value)' is not a valid SPDX license identifier" }
        )
    }
}
