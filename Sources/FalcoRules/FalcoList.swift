/// A named list (`- list: NAME` with `items`). Items are kept as text (integers as their decimal form);
/// items naming other lists are expanded when conditions are compiled, not here.
public struct FalcoList: Sendable, Hashable {
    /// The list's name.
    public var name: String
    /// The items, after every append.
    public var items: [String]
    /// Where the list was (last) defined.
    public var origin: RuleOrigin

    /// Creates a list.
    public init(name: String, items: [String], origin: RuleOrigin) {
        self.name = name
        self.items = items
        self.origin = origin
    }
}
