import DockerfileSyntax
public import SecurityModel

/// DF3008 (hadolint DL3008): flags `apt-get install` of packages without `=version`.
public struct AptGetVersionPinning: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3008",
        slug: "apt-get-pin-versions",
        aliases: ["DL3008"],
        title: "apt-get install without pinned package versions",
        severity: .medium,
        enabledByDefault: true,
        remediation:
            "Pin each package as name=version (for example curl=7.88.1-10+deb12u5) so rebuilds install the same software.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3008"],
        tags: ["best-practice", "reproducibility"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool { !Self.unpinned(in: shell).isEmpty }

    func message(for shell: ExtractedShell) -> String { message(listing: Self.unpinned(in: shell)) }

    static func unpinned(in shell: ExtractedShell) -> [String] {
        PackageManagers.aptGetInstallPackages(shell).filter { !isPinned($0) }
    }

    /// `pkg=version`, a path (`./x.deb`, `/tmp/x`) or a `.deb` file.
    static func isPinned(_ package: String) -> Bool {
        package.contains("=") || package.contains("/") || package.hasSuffix(".deb")
    }
}
