/// How serious a finding is, from `info` up to `critical`.
///
/// Severities are ordered: `info < low < medium < high < critical`. Every command reports through
/// this one scale; tools with other scales (hadolint's error/warning/info/style, dockle's
/// FATAL/WARN/INFO, Falco priorities) are mapped onto it.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable, Codable, CustomStringConvertible {
    case info
    case low
    case medium
    case high
    case critical

    /// Numeric rank, 0 for `info` to 4 for `critical`.
    public var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }

    /// Parses a severity name, case-insensitively, also accepting hadolint's level names
    /// (`error` → high, `warning` → medium, `style` → info) and `none`-free aliases.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "info", "informational", "style", "note": self = .info
        case "low": self = .low
        case "medium", "moderate", "warning", "warn": self = .medium
        case "high", "error", "important": self = .high
        case "critical", "fatal": self = .critical
        default: return nil
        }
    }
}
