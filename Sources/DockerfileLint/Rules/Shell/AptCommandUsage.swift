import DockerfileSyntax
public import SecurityModel

/// DF3027 (hadolint DL3027): flags the interactive `apt` front end in RUN.
public struct AptCommandUsage: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3027",
        slug: "use-apt-get-not-apt",
        aliases: ["DL3027"],
        title: "apt used in a script instead of apt-get or apt-cache",
        severity: .medium,
        enabledByDefault: true,
        remediation:
            "Replace apt with apt-get (or apt-cache for queries); apt has no stable command-line interface for scripts.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3027"],
        tags: ["best-practice"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool { shell.uses("apt") }
}
