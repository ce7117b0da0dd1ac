public import SecurityModel

/// One check of the Docker daemon's configuration (CIS Docker Benchmark section 2, and 5.1): a small pure value
/// over ``DaemonFacts``.
public protocol DaemonCheck: Sendable {
    /// Identity (`CIS-DOCKER-2.2`), default severity, aliases (docker-bench `2_2`) and texts.
    var descriptor: RuleDescriptor { get }
    /// The verdict and findings for `daemon`.
    func evaluate(_ daemon: DaemonFacts) -> CheckResult
}

extension DaemonCheck {
    /// The findings for `daemon`.
    public func check(_ daemon: DaemonFacts) -> [Finding] { evaluate(daemon).findings }

    /// A passing result, with why.
    func pass(_ note: String) -> CheckResult { CheckResult(ruleID: descriptor.id, verdict: .pass, note: note) }

    /// A result with no finding because the facts were missing or the check does not apply.
    func result(_ verdict: CheckResult.Verdict, _ note: String) -> CheckResult {
        CheckResult(ruleID: descriptor.id, verdict: verdict, note: note)
    }

    /// A failing result: one finding about `fieldPath` of the daemon.
    func fail(
        _ message: String,
        fieldPath: String,
        remediation: String? = nil,
        severity: Severity? = nil
    ) -> CheckResult {
        var finding = Finding(
            rule: descriptor,
            severity: severity,
            location: Location(object: "docker-daemon", fieldPath: fieldPath),
            message: message
        )
        if let remediation { finding.remediation = remediation }
        return CheckResult(ruleID: descriptor.id, verdict: .fail, findings: [finding])
    }

    /// A failing result about `setting`: the message names its value's origin.
    func fail<V>(_ message: String, _ setting: DaemonSetting<V>, remediation: String? = nil) -> CheckResult {
        fail("\(message) (\(setting.origin))", fieldPath: setting.fieldPath, remediation: remediation)
    }
}
