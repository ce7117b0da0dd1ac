import DockerfileSyntax
public import SecurityModel

/// DF3033 (hadolint DL3033): flags `yum install` of packages without `-version`.
public struct YumVersionPinning: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3033",
        slug: "yum-pin-versions",
        aliases: ["DL3033"],
        title: "yum install without pinned package versions",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Pin each package as name-version (for example httpd-2.4.57), and modules as name:stream.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3033"],
        tags: ["best-practice", "reproducibility"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        RpmVersionPins.violations(in: context) { shell, pins in
            shell.commands.flatMap { command -> [String] in
                guard command.is("yum", withAnyOf: "install") else { return [] }
                let packages = command.nonFlagArguments.filter { $0 != "install" && $0 != "module" }
                if command.hasArgument("module") { return packages.filter { !$0.contains(":") } }
                return packages.filter { !pins.isPinned($0) }
            }
        }.map { Violation($0.instruction, ShellFixes.message(descriptor.title, listing: $0.unpinned)) }
    }
}
