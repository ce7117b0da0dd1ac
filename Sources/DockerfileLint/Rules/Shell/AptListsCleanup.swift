import DockerfileSyntax
public import SecurityModel

/// DF3009 (hadolint DL3009): flags `apt-get update` whose package lists are left in the layer.
///
/// Like hadolint, a RUN is reported only when its stage is part of the final image (the last stage
/// or a stage another `FROM` builds on), and a cache/tmpfs mount on `/var/lib/apt/lists` (or on both
/// `/var/lib/apt` and `/var/cache/apt`) counts as cleaning up. Any `rm -rf …` counts as a cleanup,
/// as does `rm … /var/lib/apt/lists/*`.
public struct AptListsCleanup: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3009",
        slug: "apt-lists-cleanup",
        aliases: ["DL3009"],
        title: "apt package lists left in the image after apt-get update",
        severity: .low,
        enabledByDefault: true,
        remediation: "End the RUN that runs apt-get update with `rm -rf /var/lib/apt/lists/*`, or mount "
            + "/var/lib/apt/lists as a cache.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3009"],
        tags: ["best-practice", "image-size"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var tracker = StageCleanupTracker()
        var fixes: [Int: Fix] = [:]
        var result: [Violation] = []
        for instruction in context.instructions {
            if instruction.kind == .from {
                tracker.enter(instruction)
            } else if instruction.kind == .run {
                let shell = context.shell(of: instruction)
                if Self.forgetsCleanup(shell, in: instruction) {
                    tracker.remember(instruction)
                    fixes[instruction.index] = ShellFixes.append(
                        command: "rm -rf /var/lib/apt/lists/*",
                        to: instruction,
                        shell: shell,
                        summary: "Remove /var/lib/apt/lists at the end of the RUN"
                    )
                }
            } else if let trigger = instruction.trigger, trigger.kind == .run {
                // hadolint checks ONBUILD triggers on their own, where no FROM is ever seen: always reported.
                if Self.forgetsCleanup(context.triggerShell(of: instruction), in: trigger) {
                    result.append(Violation(instruction, descriptor.title))
                }
            }
        }
        for run in tracker.reported { result.append(Violation(run, descriptor.title, fix: fixes[run.index])) }
        return result.sorted { $0.range.start.line < $1.range.start.line }
    }

    static func forgetsCleanup(_ shell: ExtractedShell, in run: Instruction) -> Bool {
        let updates = shell.any {
            $0.is("apt", withAnyOf: "update") || $0.is("apt-get", withAnyOf: "update")
                || $0.is("aptitude", withAnyOf: "update")
        }
        guard updates, shell.none({ $0.is("rm", withAnyOf: "-rf", "/var/lib/apt/lists/*") }) else { return false }
        if PackageManagers.hasCacheOrTmpfsMount(run, targetContaining: "/var/lib/apt/lists") { return false }
        return
            !(PackageManagers.hasCacheOrTmpfsMount(run, targetContaining: "/var/lib/apt")
            && PackageManagers.hasCacheOrTmpfsMount(run, targetContaining: "/var/cache/apt"))
    }
}
