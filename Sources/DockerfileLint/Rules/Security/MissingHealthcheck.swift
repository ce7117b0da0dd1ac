import DockerfileSyntax
public import SecurityModel

/// DF5011: no `HEALTHCHECK` in the final stage or the stages it is built on. Like hadolint's DL3057, which is
/// off by default; this one is on. `HEALTHCHECK NONE` counts as a deliberate choice.
public struct MissingHealthcheck: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5011",
        slug: "missing-healthcheck",
        title: "No HEALTHCHECK in the final image",
        severity: .low,
        remediation:
            "Add a `HEALTHCHECK CMD …` that probes the service (e.g. `HEALTHCHECK CMD wget -qO- "
            + "http://localhost:8080/healthz || exit 1`), or `HEALTHCHECK NONE` when the orchestrator probes it.",
        references: ["https://docs.docker.com/reference/dockerfile/#healthcheck"],
        tags: ["security", "cis:4.6"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        guard let final = context.finalStage else { return [] }
        for stage in context.finalImageStages
        where context.instructions(in: stage).contains(where: { $0.kind == .healthcheck }) {
            return []
        }
        return [Violation(context.instructions[final.fromIndex], "The final image defines no HEALTHCHECK")]
    }
}
