import DockerfileSyntax
public import SecurityModel

/// DF3001 (hadolint DL3001): flags commands that make no sense in a container build (ssh, vim, service, …).
public struct PointlessContainerCommand: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3001",
        slug: "pointless-container-commands",
        aliases: ["DL3001"],
        title: "Interactive or system-management command that has no use while building an image",
        severity: .low,
        enabledByDefault: true,
        remediation:
            "Remove commands such as ssh, vim, shutdown, service, ps, free, top, kill and mount from RUN; they do nothing useful during a build.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3001"],
        tags: ["best-practice"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    private static let pointless: Set<String> = [
        "free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim",
    ]

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool {
        shell.any { Self.pointless.contains($0.name) }
    }
}
