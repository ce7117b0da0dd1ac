/// A parser directive at the top of a Dockerfile (`# syntax=…`, `# escape=…`, `# check=…`).
public struct ParserDirective: Sendable, Hashable {
    /// Lower-cased directive name.
    public var name: String
    /// Value, whitespace-trimmed.
    public var value: String
    /// The line it is on.
    public var line: Int

    public init(name: String, value: String, line: Int) {
        self.name = name
        self.value = value
        self.line = line
    }

    /// Directive names BuildKit recognises.
    public static let knownNames: Set<String> = ["syntax", "escape", "check"]
}
