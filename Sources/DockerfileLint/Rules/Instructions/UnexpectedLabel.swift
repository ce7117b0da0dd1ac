import DockerfileSyntax
public import SecurityModel

/// DF3050 (hadolint DL3050): a label outside the label schema while strict labels are on.
///
/// Reads `settings.strictLabels` and `settings.labelSchema` (hadolint's `strict-labels` and
/// `label-schema`); silent unless strict labels are enabled. One finding per `LABEL` instruction.
public struct UnexpectedLabel: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3050",
        slug: "superfluous-label",
        aliases: ["DL3050"],
        title: "Label not in the label schema",
        severity: .low,
        remediation: "Remove the label or add it to the label schema.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3050"],
        tags: ["labels", "metadata"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        guard context.settings.strictLabels else { return [] }
        let schema = context.settings.labelSchema
        return context.instructions.compactMap { ins in
            guard ins.kind == .label, let pairs = HadolintArguments.pairs(ins),
                let extra = pairs.first(where: { schema[$0.key] == nil })
            else { return nil }
            return Violation(ins, "Label '\(extra.key)' is not in the label schema")
        }
    }
}
