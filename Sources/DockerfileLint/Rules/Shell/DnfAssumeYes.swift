import DockerfileSyntax
public import SecurityModel

/// DF3038 (hadolint DL3038): flags `dnf install` / `microdnf install` without `-y`.
public struct DnfAssumeYes: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3038",
        slug: "dnf-assume-yes",
        aliases: ["DL3038"],
        title: "dnf install without -y",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Add -y (or --assumeyes) to dnf/microdnf install so the build never waits for a confirmation.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3038"],
        tags: ["best-practice"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool {
        shell.any {
            ($0.name == "dnf" || $0.name == "microdnf") && $0.hasArgument("install", "groupinstall", "localinstall")
                && !$0.hasFlag("y", "assumeyes")
        }
    }
}
