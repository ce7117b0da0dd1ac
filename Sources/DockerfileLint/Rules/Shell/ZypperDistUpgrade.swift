import DockerfileSyntax
public import SecurityModel

/// DF3035 (hadolint DL3035): flags `zypper dist-upgrade` / `zypper dup`.
public struct ZypperDistUpgrade: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3035",
        slug: "no-zypper-dist-upgrade",
        aliases: ["DL3035"],
        title: "zypper dist-upgrade used in RUN",
        severity: .medium,
        enabledByDefault: true,
        remediation:
            "Do not run zypper dist-upgrade (or dup) in an image build; pick a base image with the distribution version you need.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3035"],
        tags: ["best-practice"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool {
        shell.any { $0.is("zypper", withAnyOf: "dist-upgrade", "dup") }
    }
}
