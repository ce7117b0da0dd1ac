/// Falco's eight rule priorities, from the most to the least severe.
///
/// The raw value is the syslog severity (RFC 5424 section 6.2.1) the priority maps to.
public enum AlertPriority: Int, Sendable, Hashable, CaseIterable, Comparable {
    case emergency = 0
    case alert = 1
    case critical = 2
    case error = 3
    case warning = 4
    case notice = 5
    case informational = 6
    case debug = 7

    /// The name Falco prints in text lines and JSON alerts (`Warning`, `Informational`).
    public var name: String {
        switch self {
        case .emergency: return "Emergency"
        case .alert: return "Alert"
        case .critical: return "Critical"
        case .error: return "Error"
        case .warning: return "Warning"
        case .notice: return "Notice"
        case .informational: return "Informational"
        case .debug: return "Debug"
        }
    }

    /// The syslog severity (0 emergency … 7 debug).
    public var syslogSeverity: Int { rawValue }

    /// Parses a rule's `priority:` value, case-insensitively; `INFO` is accepted for informational.
    public init?(name: String) {
        switch name.lowercased() {
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

    /// More severe priorities compare greater (`.critical > .warning`).
    public static func < (lhs: AlertPriority, rhs: AlertPriority) -> Bool { lhs.rawValue > rhs.rawValue }
}
