public import SecurityModel

/// CIS-DOCKER-5.27: the container has no health check (none from the image or `--health-cmd`, or it is
/// disabled with `NONE`), or its health check reports `unhealthy`.
public struct HealthCheck: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.27",
        slug: "health-check",
        title: "Container health is not checked at runtime",
        severity: .low,
        remediation:
            "Add a health check: `docker run --health-cmd 'wget -qO- http://localhost/health || exit 1'` (and drop "
            + "`--no-healthcheck`), or `HEALTHCHECK` in the Dockerfile; Compose: `healthcheck: {test: [...]}` without `disable: true`."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard container.hostConfig != nil else { return [] }
        guard let test = container.healthcheckTest, !test.isEmpty else {
            return [finding(container, "No health check is configured", fieldPath: "Config.Healthcheck")]
        }
        if test.first?.uppercased() == "NONE" {
            return [finding(container, "The health check is disabled (`NONE`)", fieldPath: "Config.Healthcheck.Test")]
        }
        if container.healthStatus?.lowercased() == "unhealthy" {
            return [
                finding(container, "The health check reports the container unhealthy", fieldPath: "State.Health.Status")
            ]
        }
        return []
    }
}
