/// A binary operator of the condition language.
///
/// `==` is a synonym of `=` and parses to ``equal``; the canonical spelling is `=`.
public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
    /// `=` (also written `==`): equality, typed by the field.
    case equal = "="
    /// `!=`: inequality.
    case notEqual = "!="
    /// `<`: numeric less-than.
    case less = "<"
    /// `<=`: numeric less-or-equal.
    case lessOrEqual = "<="
    /// `>`: numeric greater-than.
    case greater = ">"
    /// `>=`: numeric greater-or-equal.
    case greaterOrEqual = ">="
    /// `contains`: substring (flag bit for flag fields).
    case contains
    /// `icontains`: case-insensitive substring.
    case icontains
    /// `bcontains`: raw bytes, right-hand side in hex.
    case bcontains
    /// `startswith`: prefix.
    case startswith
    /// `bstartswith`: raw-bytes prefix, right-hand side in hex.
    case bstartswith
    /// `endswith`: suffix.
    case endswith
    /// `glob`: full-string shell glob.
    case glob
    /// `iglob`: case-insensitive glob.
    case iglob
    /// `regex`: full-match regular expression.
    case regex
    /// `in`: every left-hand value is in the right-hand set.
    case `in`
    /// `intersects`: the sets share an element.
    case intersects
    /// `pmatch`: path-prefix match on whole path components.
    case pmatch

    /// True for `in`, `intersects` and `pmatch`, whose right-hand side is a list.
    public var takesList: Bool { self == .in || self == .intersects || self == .pmatch }

    /// True for `<`, `<=`, `>`, `>=`, whose right-hand side is a number.
    public var isNumeric: Bool {
        self == .less || self == .lessOrEqual || self == .greater || self == .greaterOrEqual
    }

    /// True for the string/general operators, which accept an `oneof`/`anyof`/`allof` modifier.
    public var acceptsListModifier: Bool { !takesList && !isNumeric }

    /// The operator spelled `text` (`==` included), or nil.
    public init?(spelling text: String) {
        if text == "==" {
            self = .equal
        } else {
            self.init(rawValue: text)
        }
    }
}
