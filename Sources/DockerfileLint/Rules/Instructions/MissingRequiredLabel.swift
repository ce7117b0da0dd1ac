import DockerfileSyntax
public import SecurityModel

/// DF3049 (hadolint DL3049): a label required by the label schema is missing from a stage.
///
/// Reads `settings.labelSchema` (hadolint's `label-schema`); silent when it is empty. Follows
/// hadolint's stage bookkeeping: a stage built `FROM` an earlier stage (by `AS` name) that has the
/// label inherits it, and stages only used as `COPY --from` sources are not reported. Each missing
/// label is reported at the stage's `FROM`.
public struct MissingRequiredLabel: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3049",
        slug: "missing-required-label",
        aliases: ["DL3049"],
        title: "Required label missing",
        severity: .low,
        remediation: "Add the label the schema requires, e.g. `LABEL org.opencontainers.image.source=…`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3049"],
        tags: ["labels", "metadata"]
    )

    private struct StageInfo {
        var instruction: Instruction
        var image: HadolintArguments.BaseImage
    }

    public func check(_ context: LintContext) -> [Violation] {
        let labels = LabelSchemaCheck.allLabels(in: context)
        guard !labels.isEmpty else { return [] }
        var result: [(Int, String, Violation)] = []
        for label in labels {
            var stages: [StageInfo] = []
            var good: Set<Int> = []
            var silent: Set<Int> = []
            var bad: Set<Int> = []
            func silence(alias name: String) {
                let matching = bad.filter { stages[$0].image.alias == name }
                silent.formUnion(matching)
                bad.subtract(matching)
            }
            for ins in context.instructions {
                switch ins.kind {
                case .from:
                    guard let image = HadolintArguments.baseImage(ins) else { continue }
                    let id = stages.count
                    stages.append(StageInfo(instruction: ins, image: image))
                    if good.contains(where: { stages[$0].image.alias == image.name }) {
                        good.insert(id)
                    } else {
                        bad.insert(id)
                    }
                case .copy:
                    guard !stages.isEmpty, HadolintArguments.fileList(ins) != nil, let from = ins.flag("from") else {
                        continue
                    }
                    silence(alias: from)
                case .label:
                    guard let current = stages.indices.last, let pairs = HadolintArguments.pairs(ins),
                        pairs.contains(where: { $0.key == label })
                    else { continue }
                    silence(alias: stages[current].image.stageName)
                    good.insert(current)
                    silent.remove(current)
                    bad.remove(current)
                default:
                    continue
                }
            }
            for id in bad {
                let ins = stages[id].instruction
                result.append((ins.index, label, Violation(ins, "Label '\(label)' is missing from this stage")))
            }
        }
        return result.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }
}
