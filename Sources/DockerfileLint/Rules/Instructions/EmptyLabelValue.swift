import DockerfileSyntax
public import SecurityModel

/// DF3051 (hadolint DL3051): a label from the label schema has an empty value.
///
/// Reads `settings.labelSchema`; silent when it is empty. Every schema label, whatever its type,
/// is checked.
public struct EmptyLabelValue: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3051",
        slug: "empty-label",
        aliases: ["DL3051"],
        title: "Schema label is empty",
        severity: .medium,
        remediation: "Give the label a value or remove it.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3051"],
        tags: ["labels", "metadata"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        let labels = LabelSchemaCheck.allLabels(in: context)
        guard !labels.isEmpty else { return [] }
        var result: [Violation] = []
        for ins in context.instructions where ins.kind == .label {
            guard let pairs = HadolintArguments.pairs(ins) else { continue }
            for label in labels where pairs.contains(where: { $0.key == label && $0.value.isEmpty }) {
                result.append(Violation(ins, "Label '\(label)' is empty"))
            }
        }
        return result
    }
}
