import DockerfileSyntax
public import SecurityModel

/// DF5013: `RUN --security=insecure` runs the command without the build sandbox (like `docker run
/// --privileged`).
public struct InsecureRunSecurityMode: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5013",
        slug: "run-security-insecure",
        title: "RUN with --security=insecure",
        severity: .high,
        remediation:
            "Drop `--security=insecure`. If the step truly needs extra privileges, do that work outside the image "
            + "build, or isolate it in a dedicated builder that is allowed the `security.insecure` entitlement.",
        references: ["https://docs.docker.com/reference/dockerfile/#run---security"],
        tags: ["security"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { instruction in
            let target = instruction.trigger ?? instruction
            guard target.kind == .run, let mode = target.flag("security") else { return nil }
            guard mode.trimmedAndUnquoted.lowercased() == "insecure" else { return nil }
            return Violation(instruction, "RUN --security=insecure disables the build sandbox for this command")
        }
    }
}
