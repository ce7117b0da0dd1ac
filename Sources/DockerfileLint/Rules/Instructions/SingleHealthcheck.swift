import DockerfileSyntax
public import SecurityModel

/// DF3012 (hadolint DL3012): more than one `HEALTHCHECK` in a stage.
///
/// Only the last `HEALTHCHECK` of a stage takes effect, so earlier ones are dead code. Every
/// `HEALTHCHECK` after the first one in the same stage is reported.
public struct SingleHealthcheck: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3012",
        slug: "multiple-healthchecks",
        aliases: ["DL3012"],
        title: "Multiple HEALTHCHECK instructions in one stage",
        severity: .high,
        remediation: "Keep a single HEALTHCHECK per stage.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3012"],
        tags: ["correctness"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        RepeatedStageInstruction.repeats(of: .healthcheck, in: context.instructions).map {
            Violation($0, "Another HEALTHCHECK in this stage; only the last one takes effect")
        }
    }
}
