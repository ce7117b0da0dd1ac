import DockerfileSyntax
public import SecurityModel

/// DF3061 (hadolint DL3061): instructions before the first `FROM`.
///
/// Only `ARG` (plus comments and parser directives) may come before the first `FROM`. As in
/// hadolint, every other instruction before it is reported, and a file without `FROM` has all its
/// instructions reported.
public struct InstructionOrder: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3061",
        slug: "instruction-before-from",
        aliases: ["DL3061"],
        title: "Instruction before the first FROM",
        severity: .high,
        remediation: "Start the Dockerfile with `FROM` (optionally preceded by `ARG`s).",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3061"],
        tags: ["correctness"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        for ins in context.instructions {
            if ins.kind == .from { break }
            if ins.kind == .arg || ins.kind == .unknown { continue }
            result.append(Violation(ins, "\(ins.kind.rawValue) comes before the first FROM; only ARG may precede it"))
        }
        return result
    }
}
