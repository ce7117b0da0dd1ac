import DockerfileSyntax
public import SecurityModel

/// DF3032 (hadolint DL3032): flags `yum install` not followed by `yum clean all` in the same RUN.
public struct YumCleanAll: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3032",
        slug: "yum-clean-all",
        aliases: ["DL3032"],
        title: "yum install without yum clean all afterwards",
        severity: .medium,
        enabledByDefault: true,
        remediation:
            "Finish the RUN that installs with yum with `yum clean all` (or remove /var/cache/yum) to keep the cache out of the layer.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3032"],
        tags: ["best-practice", "image-size"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool {
        guard let install = shell.firstIndex({ $0.is("yum", withAnyOf: "install") }) else { return false }
        let clean = shell.firstIndex {
            $0.is("yum", withAnyOf: "clean", "all") || $0.is("rm", withAnyOf: "-rf", "/var/cache/yum/*")
        }
        return !(clean.map { install < $0 } ?? false)
    }
}
