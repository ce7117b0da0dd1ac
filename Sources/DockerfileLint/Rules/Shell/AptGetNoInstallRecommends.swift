import DockerfileSyntax
public import SecurityModel

/// DF3015 (hadolint DL3015): flags `apt-get install` that also pulls recommended packages.
public struct AptGetNoInstallRecommends: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3015",
        slug: "apt-get-no-install-recommends",
        aliases: ["DL3015"],
        title: "apt-get install without --no-install-recommends",
        severity: .low,
        enabledByDefault: true,
        remediation:
            "Add --no-install-recommends to apt-get install so only the packages you name (and their hard dependencies) are installed.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3015"],
        tags: ["best-practice", "image-size"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool { shell.any(Self.installsRecommends) }

    static func installsRecommends(_ command: ExtractedCommand) -> Bool {
        command.is("apt-get", withAnyOf: "install") && !command.hasFlag("no-install-recommends")
            && !command.arguments.contains("APT::Install-Recommends=false")
    }

    func fix(for shell: ExtractedShell, in run: Instruction) -> Fix? {
        ShellFixes.insert(
            " --no-install-recommends",
            afterSubcommand: "install",
            of: shell.commands(where: Self.installsRecommends),
            in: run,
            shell: shell,
            summary: "Add --no-install-recommends to apt-get install"
        )
    }
}
