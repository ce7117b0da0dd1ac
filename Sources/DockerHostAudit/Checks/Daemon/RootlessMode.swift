public import SecurityModel

/// CIS-DOCKER-2.1 (Manual): run the daemon as a non-root user if possible. Informational: reported only when
/// the facts say the daemon runs as root; whether rootless mode is possible is the reader's judgement.
public struct RootlessMode: DaemonCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDockerHost(
        "2.1",
        slug: "rootless-daemon",
        title: "The Docker daemon runs as root (rootless mode not used)",
        severity: .info,
        remediation:
            "If your workloads allow it, run Docker in rootless mode (`dockerd-rootless-setuptool.sh install`)."
    )

    public func evaluate(_ daemon: DaemonFacts) -> CheckResult {
        let rootless = daemon.rootless
        if rootless.value { return pass("the daemon runs rootless (\(rootless.origin))") }
        guard rootless.isExplicit || daemon.info != nil else {
            return result(.unknown, "whether the daemon runs rootless needs /info or dockerd's command line")
        }
        return fail("The daemon runs as root, not in rootless mode", rootless)
    }
}
