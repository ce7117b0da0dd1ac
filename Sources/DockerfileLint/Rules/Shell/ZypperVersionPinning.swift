import DockerfileSyntax
public import SecurityModel

/// DF3037 (hadolint DL3037): flags `zypper install` of packages without a version.
public struct ZypperVersionPinning: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3037",
        slug: "zypper-pin-versions",
        aliases: ["DL3037"],
        title: "zypper install without pinned package versions",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Pin each package as name=version (or a version range, or an .rpm file).",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3037"],
        tags: ["best-practice", "reproducibility"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool { !Self.unpinned(in: shell).isEmpty }

    func message(for shell: ExtractedShell) -> String { message(listing: Self.unpinned(in: shell)) }

    static func unpinned(in shell: ExtractedShell) -> [String] {
        shell.commands.filter { $0.is("zypper", withAnyOf: "install", "in") }.flatMap { command in
            command.nonFlagArguments.filter { $0 != "install" && $0 != "in" && !isPinned($0) }
        }
    }

    static func isPinned(_ package: String) -> Bool {
        package.contains("=") || package.contains(">") || package.contains("<") || package.hasSuffix(".rpm")
    }
}
