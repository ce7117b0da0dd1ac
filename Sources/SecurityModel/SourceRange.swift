/// A position in a text file: 1-based line and column (column counted in Unicode scalars).
public struct SourcePosition: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column number.
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range of text, `start` inclusive and `end` exclusive.
public struct SourceRange: Sendable, Hashable, Codable, CustomStringConvertible {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// A range covering whole lines `first...last`.
    public init(lines first: Int, _ last: Int) {
        self.start = SourcePosition(line: first, column: 1)
        self.end = SourcePosition(line: last, column: 1)
    }

    public var description: String { "\(start)-\(end)" }
}
