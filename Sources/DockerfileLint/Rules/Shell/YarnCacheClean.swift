import DockerfileSyntax
public import SecurityModel

/// DF3060 (hadolint DL3060): flags `yarn install` whose cache is left in the layer.
///
/// Reported like hadolint: only for stages that end up in the image (the last stage or one a later
/// `FROM` builds on); `yarn cache clean` placed before the install does not count; a cache/tmpfs
/// mount on `.cache/yarn` does.
public struct YarnCacheClean: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3060",
        slug: "yarn-cache-clean",
        aliases: ["DL3060"],
        title: "yarn install without yarn cache clean afterwards",
        severity: .low,
        enabledByDefault: true,
        remediation: "Run `yarn cache clean` after `yarn install` in the same RUN, or mount the yarn cache.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3060"],
        tags: ["best-practice", "image-size"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var tracker = StageCleanupTracker()
        var result: [Violation] = []
        for instruction in context.instructions {
            if instruction.kind == .from {
                tracker.enter(instruction)
            } else if instruction.kind == .run {
                if Self.forgetsCleanup(context.shell(of: instruction), in: instruction) {
                    tracker.remember(instruction)
                }
            } else if let trigger = instruction.trigger, trigger.kind == .run {
                if Self.forgetsCleanup(context.triggerShell(of: instruction), in: trigger) {
                    result.append(Violation(instruction, descriptor.title))
                }
            }
        }
        result.append(contentsOf: tracker.reported.map { Violation($0, descriptor.title) })
        return result.sorted { $0.range.start.line < $1.range.start.line }
    }

    static func forgetsCleanup(_ shell: ExtractedShell, in run: Instruction) -> Bool {
        let install: (ExtractedCommand) -> Bool = { $0.is("yarn", withAnyOf: "install") }
        let clean: (ExtractedCommand) -> Bool = { $0.name == "yarn" && $0.hasArgument("cache", "clean") }
        guard let installIndex = shell.firstIndex(install) else { return false }
        guard let cleanIndex = shell.firstIndex(clean) else {
            return !PackageManagers.hasCacheOrTmpfsMount(run, targetContaining: ".cache/yarn")
        }
        return cleanIndex < installIndex
    }
}
