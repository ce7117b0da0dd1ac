import DockerfileSyntax
public import SecurityModel

/// DF3062 (hadolint DL3062): flags `go install`/`go get`/`go run` of a module without `@version`.
public struct GoVersionPinning: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3062",
        slug: "go-pin-versions",
        aliases: ["DL3062"],
        title: "go install/get/run without a pinned module version",
        severity: .medium,
        enabledByDefault: true,
        remediation:
            "Pin the module version with @version (for example go install example.com/tool@v1.2.3); @latest is not a pin.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3062"],
        tags: ["best-practice", "reproducibility"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool {
        !Self.packages(shell).allSatisfy(Self.isPinned)
    }

    func message(for shell: ExtractedShell) -> String {
        message(listing: Self.packages(shell).filter { !Self.isPinned($0) })
    }

    /// Packages of `go run` (the first positional argument) or, when there is none, of `go install`/`go get`.
    static func packages(_ shell: ExtractedShell) -> [String] {
        var run: [String] = []
        var installed: [String] = []
        for command in shell.commands where command.name == "go" {
            let args = command.nonFlagArguments
            if command.hasArgument("run") {
                run.append(contentsOf: args.prefix(2).filter { $0 != "run" })
            }
            if command.hasArgument("install", "get") {
                installed.append(contentsOf: args.filter { $0 != "install" && $0 != "get" && $0 != "tool" })
            }
        }
        return run.isEmpty ? installed : run
    }

    static func isPinned(_ package: String) -> Bool {
        if package == "." || package.hasPrefix("/") || package.hasPrefix(".") { return true }
        return package.contains("@") && !package.hasSuffix("@latest") && !package.hasSuffix("@none")
    }
}
