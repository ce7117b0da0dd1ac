/// Where an item was defined: the rules file path and the 1-based line of its kind key.
public struct RuleOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The path of the rules file, as given to the loader.
    public var file: String
    /// The 1-based line.
    public var line: Int

    /// Creates an origin.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`.
    public var description: String { "\(file):\(line)" }
}
