/// The type of a field's values, which decides how a condition compares them.
public enum FieldType: String, Sendable, Hashable, CaseIterable {
    /// Text (`=`, `contains`, `glob`, `in`…).
    case string
    /// A signed integer (`<`, `>=`…).
    case number
    /// `true` / `false`.
    case boolean
    /// An IP address (compared with `=` to an address).
    case ip
    /// An IP address compared against CIDR networks (`fd.snet in (rfc_1918_addresses)`).
    case ipnet
    /// A set of named flags (`contains` tests membership).
    case flags
    /// Several strings (`in`, `intersects` and `=` test any element).
    case list
}
