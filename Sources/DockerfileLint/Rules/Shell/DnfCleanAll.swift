import DockerfileSyntax
public import SecurityModel

/// DF3040 (hadolint DL3040): flags `dnf install` not followed by `dnf clean all`.
public struct DnfCleanAll: RunCommandRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3040",
        slug: "dnf-clean-all",
        aliases: ["DL3040"],
        title: "dnf install without dnf clean all afterwards",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Finish the RUN that installs with dnf with `dnf clean all` to keep the cache out of the layer.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3040"],
        tags: ["best-practice", "image-size"]
    )

    var message: String { descriptor.title }

    public func check(_ context: LintContext) -> [Violation] { checkRuns(context) }

    private static let installVerbs = [
        "install", "in", "upgrade", "up", "upgrade-minimal", "up-min", "reinstall", "rei",
    ]

    func isViolated(by shell: ExtractedShell, in run: Instruction) -> Bool {
        let forgotten = ["dnf", "microdnf"].contains { name in
            guard
                let install = shell.firstIndex({
                    $0.name == name && Self.installVerbs.contains(where: $0.arguments.contains)
                })
            else { return false }
            let clean = shell.firstIndex {
                $0.is(name, withAnyOf: "clean", "all") || $0.is("rm", withAnyOf: "-rf", "/var/cache/libdnf5*")
            }
            return !(clean.map { install < $0 } ?? false)
        }
        guard forgotten else { return false }
        return !PackageManagers.hasCacheOrTmpfsMount(run, targetContaining: "/var/cache/libdnf5")
            && !PackageManagers.hasCacheOrTmpfsMount(run, targetContaining: ".cache/libdnf5")
    }
}
