import DockerfileSyntax
public import SecurityModel

/// DF3004 (hadolint DL3004): flags `sudo` in RUN.
public struct SudoInRun: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3004",
        slug: "no-sudo",
        aliases: ["DL3004"],
        title: "sudo used in RUN",
        severity: .high,
        enabledByDefault: true,
        remediation:
            "Drop sudo: RUN already executes as the current USER. To step down from root at runtime use a tool such as gosu or su-exec.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3004"],
        tags: ["best-practice", "security"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool { shell.uses("sudo") }
}
