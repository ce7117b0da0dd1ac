import DockerfileSyntax
public import SecurityModel

/// DF3046 (hadolint DL3046): flags `useradd -u <large uid>` without `-l`.
public struct UseraddLogInit: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3046",
        slug: "useradd-no-log-init",
        aliases: ["DL3046"],
        title: "useradd with a high UID but without -l",
        severity: .medium,
        enabledByDefault: true,
        remediation:
            "Pass -l (--no-log-init) to useradd when giving a large UID, or the sparse lastlog/faillog files can bloat the image.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3046"],
        tags: ["best-practice", "image-size"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool {
        shell.any { command in
            command.name == "useradd" && !command.hasFlag("l", "no-log-init") && command.hasFlag("u", "uid")
                && command.values(ofFlag: "u").contains { $0.count > 5 }
        }
    }
}
