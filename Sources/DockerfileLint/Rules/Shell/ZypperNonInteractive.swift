import DockerfileSyntax
public import SecurityModel

/// DF3034 (hadolint DL3034): flags zypper install/remove/patch without `-n`/`-y`.
public struct ZypperNonInteractive: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3034",
        slug: "zypper-non-interactive",
        aliases: ["DL3034"],
        title: "zypper without a non-interactive switch",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Add -n/--non-interactive (or -y/--no-confirm) so zypper never waits for a confirmation.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3034"],
        tags: ["best-practice"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool {
        shell.any {
            $0.is("zypper", withAnyOf: "install", "in", "remove", "rm", "source-install", "si", "patch")
                && !$0.hasFlag("non-interactive", "n", "no-confirm", "y")
        }
    }
}
