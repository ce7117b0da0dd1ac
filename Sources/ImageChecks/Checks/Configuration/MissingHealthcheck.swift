public import SecurityModel

/// IMG1002: the image defines no HEALTHCHECK. dockle CIS-DI-0006, CIS Docker Benchmark 4.6.
/// `HEALTHCHECK NONE` is a deliberate choice and passes.
public struct MissingHealthcheck: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG1002",
        slug: "missing-healthcheck",
        title: "Image has no HEALTHCHECK",
        severity: .low,
        dockle: "CIS-DI-0006",
        cis: "4.6",
        remediation:
            "Add a `HEALTHCHECK CMD …` that probes the service (for example `HEALTHCHECK CMD wget -qO- "
            + "http://localhost:8080/healthz || exit 1`), or `HEALTHCHECK NONE` when the orchestrator probes it.",
        tags: ["best-practice"]
    )

    public func check(_ input: ImageCheckInput) -> [Finding] {
        guard input.hasImageConfiguration else { return [] }
        if let test = input.metadata.healthcheck, !test.isEmpty { return [] }
        return [
            Finding(
                rule: descriptor,
                location: input.location(fieldPath: "config.Healthcheck"),
                message: "The image defines no HEALTHCHECK"
            )
        ]
    }
}
