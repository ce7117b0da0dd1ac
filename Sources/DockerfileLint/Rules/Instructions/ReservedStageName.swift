import DockerfileSyntax
public import SecurityModel

/// DF3063 (hadolint DL3063): a stage is named `scratch` or `context`.
///
/// Those names have a meaning of their own in `FROM` and `COPY --from`, so a stage with that name
/// is confusing at best.
public struct ReservedStageName: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3063",
        slug: "reserved-stage-name",
        aliases: ["DL3063"],
        title: "Stage name is a reserved word",
        severity: .medium,
        remediation: "Rename the stage, e.g. `AS base` instead of `AS scratch`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3063"],
        tags: ["correctness"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { ins in
            guard ins.kind == .from, let alias = HadolintArguments.baseImage(ins)?.alias,
                alias == "scratch" || alias == "context"
            else { return nil }
            return Violation(ins, "Stage name '\(alias)' is reserved; choose another name")
        }
    }
}
