import DockerfileSyntax
public import SecurityModel

/// DF4005 (hadolint DL4005): flags `ln … /bin/sh` (use the SHELL instruction instead).
public struct ShellSymlink: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF4005",
        slug: "use-shell-instruction",
        aliases: ["DL4005"],
        title: "Default shell replaced by linking /bin/sh",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Use the SHELL instruction to change the shell RUN uses instead of relinking /bin/sh.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL4005"],
        tags: ["best-practice"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool {
        shell.any { $0.is("ln", withAnyOf: "/bin/sh") }
    }
}
