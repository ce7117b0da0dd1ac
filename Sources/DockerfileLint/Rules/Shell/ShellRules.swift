extension RuleCatalogue {
    /// hadolint parity rules about the shell commands inside RUN.
    static var shellRules: [any DockerfileRule] { [] }
}
