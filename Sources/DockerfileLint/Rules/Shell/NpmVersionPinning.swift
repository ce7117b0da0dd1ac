import DockerfileSyntax
public import SecurityModel

/// DF3016 (hadolint DL3016): flags `npm install <pkg>` without `@version`.
public struct NpmVersionPinning: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3016",
        slug: "npm-pin-versions",
        aliases: ["DL3016"],
        title: "npm install without pinned package versions",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Pin each package as name@version (or a git URL with #commit, a tarball or a local folder).",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3016"],
        tags: ["best-practice", "reproducibility"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool { !Self.unpinned(in: shell).isEmpty }

    func message(for shell: ExtractedShell) -> String { message(listing: Self.unpinned(in: shell)) }

    /// Unpinned packages of `npm install` commands whose first non-flag argument is `install`.
    static func unpinned(in shell: ExtractedShell) -> [String] {
        shell.commands.flatMap { command -> [String] in
            guard command.is("npm", withAnyOf: "install") else { return [] }
            let args = command.nonFlagArguments(droppingValuesOf: ["loglevel", "registry"])
            guard args.first == "install" else { return [] }
            return PackageManagers.dropThroughInstall(args).filter { !isPinned($0) }
        }
    }

    static func isPinned(_ package: String) -> Bool {
        if ["git://", "git+ssh://", "git+http://", "git+https://"].contains(where: package.hasPrefix) {
            return package.contains("#")
        }
        if [".tar", ".tar.gz", ".tgz"].contains(where: package.hasSuffix) { return true }
        if ["/", "./", "../", "~/"].contains(where: package.hasPrefix) { return true }
        // `@scope/name@1.0`: skip the scope (hadolint drops the leading run of characters above '/').
        let unscoped = package.hasPrefix("@") ? Substring(package).drop { $0 > "/" } : Substring(package)
        return unscoped.contains("@")
    }
}
