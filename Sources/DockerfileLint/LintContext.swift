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

    public init(dockerfile: Dockerfile, path: String = "Dockerfile", settings: RuleSettings = RuleSettings(),
                hasDockerignore: Bool? = nil) {
        self.dockerfile = dockerfile
        self.path = path
        self.settings = settings
        self.hasDockerignore = hasDockerignore
        self.stages = dockerfile.stages
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
            if let s = ins.runScript { result.append((ins, s)) }
            if includeOnbuild, let t = ins.trigger, let s = t.runScript { result.append((ins, s)) }
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
        trustedRegistries: [String] = [], labelSchema: [String: String] = [:], strictLabels: Bool = false,
        extraSecretKeys: [String] = []
    ) {
        self.trustedRegistries = trustedRegistries
        self.labelSchema = labelSchema
        self.strictLabels = strictLabels
        self.extraSecretKeys = extraSecretKeys
    }
}
