public import SecurityModel

/// One check of the Docker host's files (CIS Docker Benchmark section 3): a small pure value over the adapter's
/// ``HostSnapshot`` and the daemon's facts (which name the TLS files, sockets and configuration file).
public protocol HostFileCheck: Sendable {
    /// Identity (`CIS-DOCKER-3.15`), default severity, aliases (docker-bench `3_15`) and texts.
    var descriptor: RuleDescriptor { get }
    /// What the adapter must examine for this check.
    func plan(_ daemon: DaemonFacts) -> HostFilePlan
    /// The verdict and findings.
    func evaluate(_ host: HostSnapshot, daemon: DaemonFacts) -> CheckResult
}

extension HostFileCheck {
    /// The findings.
    public func check(_ host: HostSnapshot, daemon: DaemonFacts) -> [Finding] {
        evaluate(host, daemon: daemon).findings
    }
}
