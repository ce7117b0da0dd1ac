import DockerfileSyntax
public import SecurityModel

/// DF3036 (hadolint DL3036): flags `zypper install` not followed by `zypper clean`.
public struct ZypperClean: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3036",
        slug: "zypper-clean",
        aliases: ["DL3036"],
        title: "zypper install without zypper clean afterwards",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Finish the RUN that installs with zypper with `zypper clean` to keep the cache out of the layer.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3036"],
        tags: ["best-practice", "image-size"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool {
        guard let install = shell.firstIndex({ $0.is("zypper", withAnyOf: "install", "in") }) else { return false }
        if PackageManagers.hasCacheOrTmpfsMount(run, targetContaining: "/var/cache/zypp") { return false }
        let clean = shell.firstIndex { $0.is("zypper", withAnyOf: "clean", "cc") }
        return !(clean.map { install < $0 } ?? false)
    }
}
