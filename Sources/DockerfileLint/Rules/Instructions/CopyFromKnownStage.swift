import DockerfileSyntax
public import SecurityModel

/// DF3022 (hadolint DL3022): `COPY --from` should name an earlier stage.
///
/// Follows hadolint: the value is accepted when it is the `AS` name of a stage defined so far
/// (compared as written), a stage number lower than the number of stages so far, or contains a
/// `:` (an image reference such as `nginx:1.27`). Anything else, including an image name without
/// a tag, is reported.
public struct CopyFromKnownStage: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3022",
        slug: "copy-from-unknown-stage",
        aliases: ["DL3022"],
        title: "COPY --from does not name an earlier stage",
        severity: .medium,
        remediation: "Name an earlier stage (`FROM … AS build`, then `COPY --from=build`) or a tagged image.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3022"],
        tags: ["correctness"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var stageCount = 0
        var names: Set<String> = []
        var result: [Violation] = []
        for ins in context.instructions {
            if ins.kind == .from {
                stageCount += 1
                if let alias = HadolintArguments.baseImage(ins)?.alias { names.insert(alias) }
                continue
            }
            guard ins.kind == .copy, HadolintArguments.fileList(ins) != nil, let from = ins.flag("from") else {
                continue
            }
            if HadolintArguments.dropQuotes(from).contains(":") || names.contains(from) { continue }
            let digits = from.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, let n = Int(digits), n < stageCount { continue }
            result.append(Violation(ins, "COPY --from=\(from) does not refer to a stage defined before it"))
        }
        return result
    }
}
