/// A rule's priority: Falco's eight syslog-like levels, most severe first.
public enum RulePriority: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case emergency = 0
    case alert
    case critical
    case error
    case warning
    case notice
    case informational
    case debug

    /// Parses a priority case-insensitively; `INFO` is an alias of `INFORMATIONAL`. Nil for anything else.
    public init?(parsing text: String) {
        switch text.trimmingBlanks().lowercased() {
        case "emergency": self = .emergency
        case "alert": self = .alert
        case "critical": self = .critical
        case "error": self = .error
        case "warning": self = .warning
        case "notice": self = .notice
        case "informational", "info": self = .informational
        case "debug": self = .debug
        default: return nil
        }
    }

    /// The name as Falco prints it in alerts (`Warning`, `Informational`, …).
    public var description: String {
        switch self {
        case .emergency: "Emergency"
        case .alert: "Alert"
        case .critical: "Critical"
        case .error: "Error"
        case .warning: "Warning"
        case .notice: "Notice"
        case .informational: "Informational"
        case .debug: "Debug"
        }
    }

    /// True when `lhs` is more severe than `rhs` (`emergency < debug`).
    public static func < (lhs: RulePriority, rhs: RulePriority) -> Bool { lhs.rawValue < rhs.rawValue }
}
