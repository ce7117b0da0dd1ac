import DockerfileSyntax
public import SecurityModel

/// DF3003 (hadolint DL3003): flags `cd` in RUN (WORKDIR is clearer). Like hadolint, ONBUILD triggers are not checked.
public struct CdInsteadOfWorkdir: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3003",
        slug: "use-workdir-not-cd",
        aliases: ["DL3003"],
        title: "Directory changed with cd instead of WORKDIR",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Use a WORKDIR instruction to set the working directory instead of cd inside RUN.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3003"],
        tags: ["best-practice"]
    )

    var message: String { descriptor.title }

    var includesOnbuild: Bool { false }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool { shell.uses("cd") }
}
