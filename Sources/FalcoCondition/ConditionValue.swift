/// The right-hand side of a binary comparison.
public indirect enum ConditionValue: Hashable, Sendable {
    /// A quoted string (`"…"` or `'…'`), escapes resolved.
    case string(String)
    /// An unquoted word that is not a number; inside a list it may name a list to expand.
    case bareWord(String)
    /// An unquoted number (`0x1F`, `-3`, `1.5e3`), kept as written.
    case number(String)
    /// A parenthesised list `(a, b, "c")`.
    case list([ConditionValue])
    /// A list named without parentheses: `proc.name in shell_binaries`.
    case listName(String)
    /// Another field (`val(proc.pname)`), compared field to field.
    case field(FieldReference)

    /// The literal text of a scalar value (string, bare word or number), or nil.
    public var text: String? {
        switch self {
        case .string(let s), .bareWord(let s), .number(let s): return s
        case .list, .listName, .field: return nil
        }
    }

    /// The scalar texts of a list value (or of a single scalar), ignoring nested non-scalars.
    public var texts: [String] {
        switch self {
        case .list(let items): return items.compactMap(\.text)
        default: return text.map { [$0] } ?? []
        }
    }
}
