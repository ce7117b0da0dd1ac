import DockerfileSyntax
public import SecurityModel

/// DF3000 (hadolint DL3000): `WORKDIR` must be an absolute path.
///
/// A relative `WORKDIR` resolves against whatever the previous working directory was, which
/// depends on the base image and earlier instructions. As in hadolint, paths starting with `/`,
/// a variable (`$HOME`) or a Windows drive (`C:`) are accepted, after dropping surrounding quotes.
public struct AbsoluteWorkdir: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3000",
        slug: "absolute-workdir",
        aliases: ["DL3000"],
        title: "WORKDIR path is not absolute",
        severity: .high,
        remediation: "Use an absolute path, e.g. `WORKDIR /app`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3000"],
        tags: ["best-practice"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { ins in
            guard ins.kind == .workdir else { return nil }
            let path = HadolintArguments.dropQuotes(HadolintArguments.restOfLine(ins))
            if path.hasPrefix("$") || path.hasPrefix("/") || HadolintArguments.isWindowsAbsolute(path) { return nil }
            return Violation(ins, "WORKDIR '\(path)' is relative; use an absolute path")
        }
    }
}
