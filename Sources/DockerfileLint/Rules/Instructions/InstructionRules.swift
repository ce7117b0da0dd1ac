extension RuleCatalogue {
    /// hadolint parity rules about instructions (not shell commands).
    static var instructionRules: [any DockerfileRule] { [] }
}
