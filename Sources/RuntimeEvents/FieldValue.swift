/// One value extracted from an event by a field.
public enum FieldValue: Sendable, Hashable {
    case string(String)
    case number(Int64)
    case boolean(Bool)
    case ip(IPAddress)
    case flags(FlagSet)
    /// Several values (the ancestors' names for `proc.aname`, both ends for `fd.ip`): a comparison holds
    /// when it holds for any element.
    case list([FieldValue])

    /// The value as an alert output prints it.
    public var text: String {
        switch self {
        case .string(let s): return s
        case .number(let n): return String(n)
        case .boolean(let b): return b ? "true" : "false"
        case .ip(let ip): return ip.description
        case .flags(let f): return f.description
        case .list(let items): return items.map(\.text).joined(separator: ",")
        }
    }
}
