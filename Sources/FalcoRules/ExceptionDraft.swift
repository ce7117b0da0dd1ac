internal import SecurityModel

/// An exception entry as written in one rule item, before it is checked against the rule's earlier
/// exceptions (an appended entry may give only `name` and `values`).
struct ExceptionDraft {
    var name: String
    /// The fields; nil when absent. `isSingleField` tells the form.
    var fields: [String]?
    var isSingleField: Bool
    /// The comps: `single` for a scalar, `list` for a sequence; nil when absent.
    var comps: Comps?
    /// The raw `values` sequence; nil when absent.
    var values: [JSONValue]?
    /// The key path of the entry inside its item (`exceptions[2]`).
    var path: String

    enum Comps: Equatable {
        case single(String)
        case list([String])
    }
}
