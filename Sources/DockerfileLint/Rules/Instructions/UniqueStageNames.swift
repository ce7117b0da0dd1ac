import DockerfileSyntax
public import SecurityModel

/// DF3024 (hadolint DL3024): two stages share an `AS` name.
///
/// BuildKit rejects duplicate stage names. Names are compared as written, as hadolint does; every
/// repeat after the first definition is reported.
public struct UniqueStageNames: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3024",
        slug: "duplicate-stage-name",
        aliases: ["DL3024"],
        title: "Stage name defined more than once",
        severity: .high,
        remediation: "Give every stage its own `AS` name.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3024"],
        tags: ["correctness"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var names: Set<String> = []
        var result: [Violation] = []
        for ins in context.instructions where ins.kind == .from {
            guard let alias = HadolintArguments.baseImage(ins)?.alias else { continue }
            if !names.insert(alias).inserted {
                result.append(Violation(ins, "Stage name '\(alias)' is already used by an earlier stage"))
            }
        }
        return result
    }
}
