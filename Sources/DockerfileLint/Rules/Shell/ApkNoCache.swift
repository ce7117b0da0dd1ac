import DockerfileSyntax
public import SecurityModel

/// DF3019 (hadolint DL3019): flags `apk add` without `--no-cache`.
public struct ApkNoCache: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3019",
        slug: "apk-no-cache",
        aliases: ["DL3019"],
        title: "apk add without --no-cache",
        severity: .low,
        enabledByDefault: true,
        remediation:
            "Use apk add --no-cache so the package index is neither kept in the image nor needs an explicit cleanup.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3019"],
        tags: ["best-practice", "image-size"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool {
        if PackageManagers.hasCacheOrTmpfsMount(run, targetContaining: "/var/cache/apk") { return false }
        return shell.any(Self.keepsCache)
    }

    static func keepsCache(_ command: ExtractedCommand) -> Bool {
        command.is("apk", withAnyOf: "add") && !command.hasFlag("no-cache")
    }

    func fix(for shell: ExtractedShell, in run: Instruction) -> Fix? {
        ShellFixes.insert(
            " --no-cache",
            afterSubcommand: "add",
            of: shell.commands(where: Self.keepsCache),
            in: run,
            shell: shell,
            summary: "Add --no-cache to apk add"
        )
    }
}
