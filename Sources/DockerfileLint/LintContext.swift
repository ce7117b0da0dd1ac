public import DockerfileSyntax
public import SecurityModel

/// Everything a rule may look at: the parsed file, the rule settings, and facts about the file's
/// surroundings gathered by the caller.
public struct LintContext: Sendable {
    /// The parsed Dockerfile.
    public let dockerfile: Dockerfile
    /// The path as given (for messages); `-` for stdin.
    public let path: String
    /// Rule settings from configuration.
    public let settings: RuleSettings
    /// Whether a `.dockerignore` (or `<Dockerfile>.dockerignore`) exists next to the file; nil when
    /// unknown (stdin), in which case rules that need it stay silent.
    public let hasDockerignore: Bool?
    /// The stages, computed once.
    public let stages: [Stage]
    /// Parsed RUN scripts by instruction index (nil for other instructions), computed once so that
    /// rules never re-parse shell text.
    private let scripts: [ShellScript?]
    /// Parsed ONBUILD RUN trigger scripts by instruction index.
    private let triggerScripts: [ShellScript?]
    /// hadolint-style command extraction of each RUN and ONBUILD RUN, computed once.
    let shells: [ExtractedShell?]
    let triggerShells: [ExtractedShell?]

    public init(
        dockerfile: Dockerfile,
        path: String = "Dockerfile",
        settings: RuleSettings = RuleSettings(),
        hasDockerignore: Bool? = nil
    ) {
        self.dockerfile = dockerfile
        self.path = path
        self.settings = settings
        self.hasDockerignore = hasDockerignore
        self.stages = dockerfile.stages
        let instructions = dockerfile.instructions
        self.scripts = instructions.map(\.runScript)
        self.triggerScripts = instructions.map { $0.trigger?.runScript }
        self.shells = instructions.map { $0.kind == .run ? ExtractedShell(instruction: $0) : nil }
        self.triggerShells = instructions.map { $0.trigger?.kind == .run ? ExtractedShell(trigger: $0) : nil }
    }

    /// The parsed script of a RUN instruction of this file, or of an ONBUILD's RUN trigger.
    public func script(of instruction: Instruction) -> ShellScript? {
        guard instructions.indices.contains(instruction.index) else { return instruction.runScript }
        let parent = instructions[instruction.index]
        if parent.kind == .onbuild && instruction.kind != .onbuild { return triggerScripts[instruction.index] }
        return scripts[instruction.index]
    }

    /// The extracted shell of a RUN instruction (computed at init).
    func shell(of instruction: Instruction) -> ExtractedShell {
        shells[instruction.index] ?? ExtractedShell(instruction: instruction)
    }

    /// The extracted shell of an ONBUILD RUN trigger (computed at init).
    func triggerShell(of onbuild: Instruction) -> ExtractedShell {
        triggerShells[onbuild.index] ?? ExtractedShell(trigger: onbuild)
    }

    /// The instructions.
    public var instructions: [Instruction] { dockerfile.instructions }

    /// The stage containing instruction `index`.
    public func stage(of index: Int) -> Stage? { stages.last { $0.instructionIndices.contains(index) } }

    /// The final stage (the one that is built by default).
    public var finalStage: Stage? { stages.last }

    /// Instructions of `stage`.
    public func instructions(in stage: Stage) -> ArraySlice<Instruction> {
        dockerfile.instructions[stage.instructionIndices]
    }

    /// Every `RUN` with its parsed script, ONBUILD triggers included when `includeOnbuild` is set.
    public func runScripts(includeOnbuild: Bool = true) -> [(instruction: Instruction, script: ShellScript)] {
        var result: [(Instruction, ShellScript)] = []
        for ins in instructions {
            if let s = scripts[ins.index] { result.append((ins, s)) }
            if includeOnbuild, let s = triggerScripts[ins.index] { result.append((ins, s)) }
        }
        return result
    }
}

/// Settings that rules read (from `.bulkhead.yaml` / `.hadolint.yaml` / flags).
public struct RuleSettings: Sendable, Hashable {
    /// Registries FROM images may come from; empty means no restriction (DL3026 stays silent).
    public var trustedRegistries: [String]
    /// Required labels and their types (DL3049–DL3058): `text`, `url`, `rfc3339`, `spdx`, `hash`,
    /// `semver`, `email`.
    public var labelSchema: [String: String]
    /// Labels outside the schema are reported (DL3050).
    public var strictLabels: Bool
    /// Names (lower-case) that secret rules treat as sensitive, in addition to the built-in ones.
    public var extraSecretKeys: [String]

    public init(
        trustedRegistries: [String] = [],
        labelSchema: [String: String] = [:],
        strictLabels: Bool = false,
        extraSecretKeys: [String] = []
    ) {
        self.trustedRegistries = trustedRegistries
        self.labelSchema = labelSchema
        self.strictLabels = strictLabels
        self.extraSecretKeys = extraSecretKeys
    }
}
