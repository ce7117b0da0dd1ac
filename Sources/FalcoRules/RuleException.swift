/// One entry of a rule's `exceptions`: when an event matches one of the value tuples, the rule does not fire.
///
/// Both forms are normalised: the tuple form (`fields: [a, b]`, `comps: [=, in]`, `values: [[x, [y, z]]]`)
/// and the single-field form (`fields: a`, `comps: in`, `values: [x, y]`, where each value is one tuple
/// of one element).
public struct RuleException: Sendable, Hashable {
    /// One value of a tuple: a text, or a list of texts (for `in`, `intersects`, `pmatch`; a text may also
    /// name a list).
    public enum Value: Sendable, Hashable {
        case text(String)
        case list([String])
    }

    /// The exception's name, unique within its rule.
    public var name: String
    /// The fields compared, in order.
    public var fields: [String]
    /// True for the single-field form (`fields: fd.name`).
    public var isSingleField: Bool
    /// One comparison operator per field (`=` by default for the tuple form, `in` for the single-field form).
    public var comps: [String]
    /// The value tuples, each with one value per field, after every append.
    public var values: [[Value]]

    /// Creates an exception.
    public init(name: String, fields: [String], isSingleField: Bool, comps: [String], values: [[Value]]) {
        self.name = name
        self.fields = fields
        self.isSingleField = isSingleField
        self.comps = comps
        self.values = values
    }

    /// The comparison operators an exception may use.
    public static let supportedComparisons: Set<String> = [
        "=", "==", "!=", "<", "<=", ">", ">=", "contains", "icontains", "bcontains", "startswith", "bstartswith",
        "endswith", "glob", "iglob", "regex", "in", "intersects", "pmatch",
    ]
}
