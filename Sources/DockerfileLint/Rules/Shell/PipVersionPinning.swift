import DockerfileSyntax
public import SecurityModel

/// DF3013 (hadolint DL3013): flags `pip install <pkg>` without a version specifier.
public struct PipVersionPinning: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3013",
        slug: "pip-pin-versions",
        aliases: ["DL3013"],
        title: "pip install without pinned package versions",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Pin each package (name==version), or install from a requirements or constraints file.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3013"],
        tags: ["best-practice", "reproducibility"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    private static let valueFlags: Set<String> = [
        "abi", "b", "build", "e", "editable", "extra-index-url", "f", "find-links", "i", "index-url",
        "implementation", "no-binary", "only-binary", "platform", "prefix", "progress-bar", "proxy", "python",
        "python-version", "root", "root-user-action", "src", "t", "target", "trusted-host", "upgrade-strategy",
    ]
    private static let versionOperators = ["==", ">=", "<=", ">", "<", "!=", "~=", "==="]
    /// pip's VCS schemes (`git+https://…`); hadolint matches them as prefixes.
    private static let vcsSchemes = [
        "git+file", "git+https", "git+ssh", "git+http", "git+git", "git", "hg+file", "hg+http", "hg+https",
        "hg+ssh", "hg+static-http", "svn", "svn+svn", "svn+http", "svn+https", "svn+ssh", "bzr+http", "bzr+https",
        "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp",
    ]

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool { !Self.unpinned(in: shell).isEmpty }

    func message(for shell: ExtractedShell) -> String { message(listing: Self.unpinned(in: shell)) }

    /// Unpinned packages of pip installs that name packages (not `-r`, `.` or with constraints).
    static func unpinned(in shell: ExtractedShell) -> [String] {
        shell.commands.flatMap { command -> [String] in
            guard PipCommands.isInstall(command), !command.hasFlag("constraint", "c") else { return [] }
            let args = command.arguments
            if args.contains("--requirement") || args.contains("-r") || args.contains(".") { return [] }
            return PackageManagers.dropThroughInstall(command.nonFlagArguments(droppingValuesOf: valueFlags))
                .filter { !isPinned($0) }
        }
    }

    static func isPinned(_ package: String) -> Bool {
        let isVCS = vcsSchemes.contains(where: package.hasPrefix)
        return versionOperators.contains(where: package.contains) || (isVCS && package.contains("@"))
            || package.hasSuffix(".whl") || package.hasSuffix(".tar.gz") || (!isVCS && package.contains("/"))
    }
}
