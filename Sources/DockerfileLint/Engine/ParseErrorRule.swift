public import SecurityModel

/// The descriptor under which parse problems are reported (not a rule that runs; the engine turns
/// ``DockerfileSyntax/SyntaxDiagnostic``s into findings of this id).
public enum ParseErrorRule {
    /// `DF1000 parse-error`, alias hadolint's `DL1000`.
    public static let descriptor = RuleDescriptor(
        id: "DF1000",
        slug: "parse-error",
        aliases: ["DL1000"],
        title: "Dockerfile could not be parsed cleanly",
        severity: .high,
        remediation: "Fix the syntax error; BuildKit would reject or misread this instruction.",
        references: ["https://docs.docker.com/reference/dockerfile/"],
        tags: ["syntax"]
    )
}
