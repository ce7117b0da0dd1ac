import DockerfileSyntax
public import SecurityModel

/// DF3047 (hadolint DL3047): flags `wget` without a progress setting or a quiet option.
public struct WgetProgress: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3047",
        slug: "wget-progress",
        aliases: ["DL3047"],
        title: "wget without --progress or a quiet option",
        severity: .low,
        enabledByDefault: true,
        remediation: "Use wget --progress=dot:giga, or -q / -nv, so a download does not flood the build log.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3047"],
        tags: ["best-practice"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool {
        shell.any { command in
            command.name == "wget" && !command.hasFlag("progress")
                && !command.hasFlag("q", "quiet", "o", "output-file", "a", "append-output", "no-verbose")
                && !command.hasArgument("-nv")
        }
    }
}
