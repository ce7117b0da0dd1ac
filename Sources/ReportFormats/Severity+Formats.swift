public import SecurityModel

extension Severity {
    /// Upper-case label used by the human reporter (`HIGH`).
    public var label: String { rawValue.uppercased() }

    /// SARIF `level`: critical and high are errors, medium is a warning, low and info are notes.
    var sarifLevel: String {
        switch self {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub's `security-severity` score (a decimal number written as a string).
    public var securitySeverityScore: String {
        switch self {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "1.0"
        }
    }

    /// GitLab Code Quality severity.
    var gitLabSeverity: String {
        switch self {
        case .info: "info"
        case .low: "minor"
        case .medium: "major"
        case .high: "critical"
        case .critical: "blocker"
        }
    }

    /// Terminal colour of the severity.
    public var ansiStyle: ANSIStyle {
        switch self {
        case .critical: .brightRedBold
        case .high: .red
        case .medium: .yellow
        case .low: .cyan
        case .info: .dim
        }
    }
}
