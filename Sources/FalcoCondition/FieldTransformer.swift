/// A transformer function applied to a field value (`tolower(fd.name)`).
public enum FieldTransformer: String, Hashable, Sendable, CaseIterable {
    /// `tolower()`: lower-cases the value.
    case tolower
    /// `toupper()`: upper-cases the value.
    case toupper
    /// `b64()`: base64-decodes the value.
    case b64
    /// `basename()`: the last path component.
    case basename
    /// `len()`: the length of the value.
    case len
}
