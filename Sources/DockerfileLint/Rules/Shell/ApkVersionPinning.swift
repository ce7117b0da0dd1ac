import DockerfileSyntax
public import SecurityModel

/// DF3018 (hadolint DL3018): flags `apk add` of packages without `=version`.
public struct ApkVersionPinning: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3018",
        slug: "apk-pin-versions",
        aliases: ["DL3018"],
        title: "apk add without pinned package versions",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Pin each package as name=version (or name~version) so rebuilds install the same software.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3018"],
        tags: ["best-practice", "reproducibility"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool { !Self.unpinned(in: shell).isEmpty }

    func message(for shell: ExtractedShell) -> String { message(listing: Self.unpinned(in: shell)) }

    static func unpinned(in shell: ExtractedShell) -> [String] {
        shell.commands.filter { $0.is("apk", withAnyOf: "add") }.flatMap { command in
            command.nonFlagArguments(droppingValuesOf: ["t", "virtual", "repository", "X"])
                .filter { $0 != "add" && !isPinned($0) }
        }
    }

    static func isPinned(_ package: String) -> Bool {
        package.contains("=") || package.contains("~") || package.contains(">") || package.contains("<")
            || package.hasSuffix(".apk")
    }
}
