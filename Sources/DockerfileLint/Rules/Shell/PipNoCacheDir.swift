import DockerfileSyntax
public import SecurityModel

/// DF3042 (hadolint DL3042): flags `pip install` that keeps pip's download cache in the layer.
///
/// Not reported when `PIP_NO_CACHE_DIR` is set to a true value by an ENV of the stage (or of the
/// stage it is built `FROM`) or anywhere in the RUN text, when `.cache/pip` is a cache/tmpfs mount,
/// or for pipx/pipenv.
public struct PipNoCacheDir: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3042",
        slug: "pip-no-cache-dir",
        aliases: ["DL3042"],
        title: "pip install without --no-cache-dir",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Add --no-cache-dir to pip install, set ENV PIP_NO_CACHE_DIR=1, or mount ~/.cache/pip as a "
            + "cache.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3042"],
        tags: ["best-practice", "image-size"]
    )

    /// hadolint's stage bookkeeping: which stages (by alias or image name) have the cache disabled.
    private struct StageState {
        var started = false
        /// The current stage's key; nil before any FROM.
        var current: String?
        var disabled: [String?: Bool] = [:]

        mutating func observe(_ instruction: Instruction) {
            switch instruction.kind {
            case .from:
                guard let image = StageImage(instruction) else { return }
                let key = image.alias ?? image.name
                if started { disabled[key] = disabled[image.name] ?? false }
                started = true
                current = key
            case .env:
                let value = instruction.keyValuePairs.first { $0.key == "PIP_NO_CACHE_DIR" }?.value ?? nil
                guard let value, PipCommands.truthy.contains(value) else { return }
                if !started {
                    started = true
                    current = nil
                    disabled = [nil: true]
                } else {
                    disabled[current] = true
                }
            default:
                break
            }
        }

        var cacheDisabled: Bool { started && disabled[current] == true }
    }

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        var main = StageState()
        var onbuild = StageState()
        for instruction in context.instructions {
            if instruction.kind == .run {
                let shell = context.shell(of: instruction)
                if !main.cacheDisabled, Self.isViolated(shell, in: instruction) {
                    let fix = ShellFixes.insert(
                        " --no-cache-dir",
                        afterSubcommand: "install",
                        of: shell.commands(where: Self.keepsCache),
                        in: instruction,
                        shell: shell,
                        summary: "Add --no-cache-dir to pip install"
                    )
                    result.append(Violation(instruction, descriptor.title, fix: fix))
                }
            } else if let trigger = instruction.trigger {
                if trigger.kind == .run {
                    if !onbuild.cacheDisabled, Self.isViolated(context.triggerShell(of: instruction), in: trigger) {
                        result.append(Violation(instruction, descriptor.title))
                    }
                } else {
                    onbuild.observe(trigger)
                }
            } else {
                main.observe(instruction)
            }
        }
        return result
    }

    static func keepsCache(_ command: ExtractedCommand) -> Bool {
        PipCommands.isInstall(command) && !command.arguments.contains("--no-cache-dir")
            && !PipCommands.isWrapper(command)
    }

    static func isViolated(_ shell: ExtractedShell, in run: Instruction) -> Bool {
        if setsNoCacheDir(shell.original) || shell.none(keepsCache) { return false }
        return !PackageManagers.hasCacheOrTmpfsMount(run, targetContaining: ".cache/pip")
    }

    /// hadolint looks at the text after the first `PIP_NO_CACHE_DIR=` of the script.
    private static func setsNoCacheDir(_ text: String) -> Bool {
        guard let range = text.firstRange(of: "PIP_NO_CACHE_DIR=") else { return false }
        let rest = text[range.upperBound...]
        return PipCommands.truthy.contains { rest.hasPrefix($0) }
    }
}
