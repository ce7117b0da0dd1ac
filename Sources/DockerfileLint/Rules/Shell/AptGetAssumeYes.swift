import DockerfileSyntax
public import SecurityModel

/// DF3014 (hadolint DL3014): flags `apt-get install` without a non-interactive `-y`.
public struct AptGetAssumeYes: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3014",
        slug: "apt-get-assume-yes",
        aliases: ["DL3014"],
        title: "apt-get install without -y",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Add -y (or --yes / --assume-yes) to apt-get install so the build never waits for a confirmation.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3014"],
        tags: ["best-practice"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool { shell.any(Self.forgetsYes) }

    static func forgetsYes(_ command: ExtractedCommand) -> Bool {
        guard command.is("apt-get", withAnyOf: "install") else { return false }
        let yes =
            command.hasFlag("y", "yes", "qq", "assume-yes") || command.count(ofFlag: "q") == 2
            || command.count(ofFlag: "quiet") == 2 || command.arguments.contains("-q=2")
        return !yes
    }

    func fix(for shell: ExtractedShell, in run: Instruction) -> Fix? {
        ShellFixes.insert(
            " -y",
            afterSubcommand: "install",
            of: shell.commands(where: Self.forgetsYes),
            in: run,
            shell: shell,
            summary: "Add -y to apt-get install"
        )
    }
}
