/// The value of one output field in an alert: a string, a number, or null when it could not be
/// extracted (printed `<NA>` in the output text).
public enum AlertFieldValue: Sendable, Hashable {
    case string(String)
    case number(Int64)
    case null

    /// The text the output line shows for it.
    public var text: String {
        switch self {
        case .string(let s): return s
        case .number(let n): return String(n)
        case .null: return OutputTemplate.missingValue
        }
    }
}
