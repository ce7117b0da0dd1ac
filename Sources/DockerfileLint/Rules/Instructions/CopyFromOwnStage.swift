import DockerfileSyntax
public import SecurityModel

/// DF3023 (hadolint DL3023): `COPY --from` names the stage it is in.
///
/// A stage cannot copy from itself; BuildKit reports a dependency cycle. Compared with the current
/// stage's `AS` name as written, as hadolint does.
public struct CopyFromOwnStage: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3023",
        slug: "copy-from-own-stage",
        aliases: ["DL3023"],
        title: "COPY --from refers to its own stage",
        severity: .high,
        remediation: "Copy from an earlier stage, or drop `--from` to copy from the build context.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3023"],
        tags: ["correctness"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var currentAlias: String? = nil
        var result: [Violation] = []
        for ins in context.instructions {
            if ins.kind == .from {
                currentAlias = HadolintArguments.baseImage(ins)?.alias
                continue
            }
            guard ins.kind == .copy, HadolintArguments.fileList(ins) != nil, let from = ins.flag("from"),
                let alias = currentAlias, alias == from
            else { continue }
            result.append(Violation(ins, "COPY --from=\(from) refers to the stage it is in"))
        }
        return result
    }
}
