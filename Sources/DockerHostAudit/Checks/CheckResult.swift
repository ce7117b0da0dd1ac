public import SecurityModel

/// The outcome of one check, with the verdict docker-bench would print (PASS / WARN / INFO) made explicit, so that
/// verdicts can be compared check by check.
public struct CheckResult: Sendable, Hashable {
    /// The verdict.
    public enum Verdict: String, Sendable, Hashable {
        /// Checked and fine (docker-bench PASS).
        case pass
        /// At least one finding above `info` (docker-bench WARN).
        case fail
        /// Only `info` findings: a manual check's observation (docker-bench INFO).
        case informational
        /// The checked thing does not exist here: no TCP listener, file not found (docker-bench INFO).
        case notApplicable = "not-applicable"
        /// The facts needed were not available (no `/info`, a file the adapter could not stat).
        case unknown
    }

    /// The check's id (`CIS-DOCKER-2.2`).
    public var ruleID: String
    public var verdict: Verdict
    /// The findings (empty unless `fail` or `informational`).
    public var findings: [Finding]
    /// Why the verdict is `pass`, `notApplicable` or `unknown`, in words.
    public var note: String?

    /// A result; `verdict` is derived from `findings` when they are not empty.
    public init(ruleID: String, verdict: Verdict, findings: [Finding] = [], note: String? = nil) {
        self.ruleID = ruleID
        if findings.isEmpty {
            self.verdict = verdict
        } else {
            self.verdict = findings.contains { $0.severity > .info } ? .fail : .informational
        }
        self.findings = findings
        self.note = note
    }
}
