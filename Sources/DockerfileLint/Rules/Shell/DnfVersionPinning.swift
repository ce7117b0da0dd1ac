import DockerfileSyntax
public import SecurityModel

/// DF3041 (hadolint DL3041): flags `dnf install` / `microdnf install` of packages without `-version`.
public struct DnfVersionPinning: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3041",
        slug: "dnf-pin-versions",
        aliases: ["DL3041"],
        title: "dnf install without pinned package versions",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Pin each package as name-version (for example httpd-2.4.57), and modules as name:stream.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3041"],
        tags: ["best-practice", "reproducibility"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        RpmVersionPins.violations(in: context) { shell, pins in
            shell.commands.flatMap { command -> [String] in
                guard command.name == "dnf" || command.name == "microdnf", command.hasArgument("install") else {
                    return []
                }
                let packages = command.nonFlagArguments.filter { $0 != "install" && $0 != "module" }
                if command.hasArgument("module") { return packages.filter { !$0.contains(":") } }
                if command.hasArgument("group") { return [] }
                return packages.filter { !pins.isPinned($0) }
            }
        }.map { Violation($0.instruction, ShellFixes.message(descriptor.title, listing: $0.unpinned)) }
    }
}
