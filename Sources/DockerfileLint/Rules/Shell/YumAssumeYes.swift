import DockerfileSyntax
public import SecurityModel

/// DF3030 (hadolint DL3030): flags `yum install` without `-y`.
public struct YumAssumeYes: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3030",
        slug: "yum-assume-yes",
        aliases: ["DL3030"],
        title: "yum install without -y",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Add -y (or --assumeyes) to yum install so the build never waits for a confirmation.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3030"],
        tags: ["best-practice"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool {
        shell.any {
            $0.is("yum", withAnyOf: "install", "groupinstall", "localinstall") && !$0.hasFlag("y", "assumeyes")
        }
    }
}
