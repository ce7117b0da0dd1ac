import DockerfileSyntax
public import SecurityModel

/// DF4003 (hadolint DL4003): more than one `CMD` in a stage.
///
/// Only the last `CMD` of a stage takes effect. Every `CMD` after the first one in the same stage
/// is reported.
public struct SingleCmd: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF4003",
        slug: "multiple-cmd",
        aliases: ["DL4003"],
        title: "Multiple CMD instructions in one stage",
        severity: .medium,
        remediation: "Keep a single CMD per stage; remove the ones that are overridden.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL4003"],
        tags: ["correctness"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        RepeatedStageInstruction.repeats(of: .cmd, in: context.instructions).map {
            Violation($0, "Another CMD in this stage; only the last one takes effect")
        }
    }
}
