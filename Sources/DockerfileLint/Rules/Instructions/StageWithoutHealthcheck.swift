import DockerfileSyntax
public import SecurityModel

/// DF3057 (hadolint DL3057, off by default): a stage has no `HEALTHCHECK`.
///
/// Follows hadolint's stage bookkeeping: a stage built `FROM` a stage that has a `HEALTHCHECK`
/// inherits it, and a `HEALTHCHECK` also clears the stages the current one is built from. Each
/// remaining stage is reported at its `FROM`.
public struct StageWithoutHealthcheck: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3057",
        slug: "missing-healthcheck-instruction",
        aliases: ["DL3057"],
        title: "Stage has no HEALTHCHECK",
        severity: .low,
        enabledByDefault: false,
        remediation: "Add `HEALTHCHECK CMD …` (or `HEALTHCHECK NONE` to state that none is wanted).",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3057"],
        tags: ["best-practice", "operations"]
    )

    private struct StageInfo {
        var instruction: Instruction
        /// The image the stage is built from (name without registry or tag).
        var source: String
        /// The stage's name: its alias, else its image name.
        var name: String
    }

    public func check(_ context: LintContext) -> [Violation] {
        var stages: [StageInfo] = []
        var good: Set<Int> = []
        var bad: Set<Int> = []
        for ins in context.instructions {
            switch ins.kind {
            case .from:
                guard let image = HadolintArguments.baseImage(ins) else { continue }
                let id = stages.count
                stages.append(StageInfo(instruction: ins, source: image.name, name: image.stageName))
                if good.contains(where: { stages[$0].name == image.name }) {
                    good.insert(id)
                } else {
                    bad.insert(id)
                }
            case .healthcheck:
                guard let current = stages.indices.last else { continue }
                let cleared = ancestors(of: current, among: bad, stages: stages)
                good.formUnion(cleared)
                good.insert(current)
                bad.subtract(cleared)
                bad.remove(current)
            default:
                continue
            }
        }
        return bad.sorted().map { Violation(stages[$0].instruction, "This stage has no HEALTHCHECK") }
    }

    /// The stages in `bad` named like the source of `stage`, and recursively their sources.
    private func ancestors(of stage: Int, among bad: Set<Int>, stages: [StageInfo]) -> Set<Int> {
        let parents = bad.filter { stages[$0].name == stages[stage].source }
        guard !parents.isEmpty else { return [] }
        let rest = bad.subtracting(parents)
        var result = parents
        for parent in parents { result.formUnion(ancestors(of: parent, among: rest, stages: stages)) }
        return result
    }
}
