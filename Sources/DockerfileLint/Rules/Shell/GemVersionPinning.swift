import DockerfileSyntax
public import SecurityModel

/// DF3028 (hadolint DL3028): flags `gem install <gem>` without a version.
public struct GemVersionPinning: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3028",
        slug: "gem-pin-versions",
        aliases: ["DL3028"],
        title: "gem install without pinned versions",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Pin each gem as name:version, or pass -v/--version.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3028"],
        tags: ["best-practice", "reproducibility"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool { !Self.unpinned(in: shell).isEmpty }

    func message(for shell: ExtractedShell) -> String { message(listing: Self.unpinned(in: shell)) }

    static func unpinned(in shell: ExtractedShell) -> [String] {
        shell.commands.flatMap { command -> [String] in
            guard command.is("gem", withAnyOf: "install", "i"), !command.hasArgument("-v", "--version"),
                !command.arguments.contains(where: { $0.hasPrefix("--version=") })
            else { return [] }
            return gems(command.arguments).filter { !$0.contains(":") }
        }
    }

    /// Positional arguments before `--`; every option is assumed to take the following word.
    static func gems(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var rest = arguments.prefix { $0 != "--" }[...]
        while let first = rest.first {
            rest = rest.dropFirst()
            if first.hasPrefix("-") {
                rest = rest.dropFirst()
            } else if first != "install" && first != "i" {
                result.append(first)
            }
        }
        return result
    }
}
