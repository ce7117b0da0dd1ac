import DockerfileSyntax
public import SecurityModel

/// DF4004 (hadolint DL4004): more than one `ENTRYPOINT` in a stage.
///
/// Only the last `ENTRYPOINT` of a stage takes effect. Every `ENTRYPOINT` after the first one in
/// the same stage is reported.
public struct SingleEntrypoint: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF4004",
        slug: "multiple-entrypoint",
        aliases: ["DL4004"],
        title: "Multiple ENTRYPOINT instructions in one stage",
        severity: .high,
        remediation: "Keep a single ENTRYPOINT per stage.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL4004"],
        tags: ["correctness"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        RepeatedStageInstruction.repeats(of: .entrypoint, in: context.instructions).map {
            Violation($0, "Another ENTRYPOINT in this stage; only the last one takes effect")
        }
    }
}
