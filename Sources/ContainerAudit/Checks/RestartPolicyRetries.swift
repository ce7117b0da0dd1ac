public import SecurityModel

/// CIS-DOCKER-5.15: the `on-failure` restart policy allows more than 5 retries (or unlimited ones: a
/// `MaximumRetryCount` of 0).
public struct RestartPolicyRetries: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.15",
        slug: "restart-policy-retries",
        title: "The 'on-failure' container restart policy is not set to 5 or fewer retries",
        severity: .low,
        remediation: "Cap the retries: `docker run --restart on-failure:5`; Compose: `restart: on-failure:5` "
            + "(or `deploy.restart_policy.max_attempts: 5`)."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard let policy = container.hostConfig?.restartPolicy, policy.name?.lowercased() == "on-failure" else {
            return []
        }
        let retries = policy.maximumRetryCount ?? 0
        if retries <= 0 {
            return [
                finding(
                    container,
                    "Restart policy `on-failure` has no retry limit",
                    fieldPath: "HostConfig.RestartPolicy.MaximumRetryCount"
                )
            ]
        }
        guard retries > 5 else { return [] }
        return [
            finding(
                container,
                "Restart policy `on-failure` allows \(retries) retries (more than 5)",
                fieldPath: "HostConfig.RestartPolicy.MaximumRetryCount"
            )
        ]
    }
}
