/// An error from parsing or expanding a Falco condition.
///
/// Syntax errors carry the position (byte offset, 1-based line and column) of the offending text;
/// expansion errors (unknown macro, cycles) name the item instead.
public struct ConditionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case syntax, tooDeep, tooLarge, unknownMacro, unknownList, macroCycle, listCycle
        }
        private let kind: Kind
        /// The text is not a valid condition.
        public static var syntax: Self { Self(kind: .syntax) }
        /// Parentheses, `not`s or transformers are nested deeper than the parser allows, or an expanded
        /// condition nests deeper than ``ConditionExpander/maximumDepth``.
        public static var tooDeep: Self { Self(kind: .tooDeep) }
        /// An expanded condition or list has more nodes than ``ConditionExpander/maximumSize``.
        public static var tooLarge: Self { Self(kind: .tooLarge) }
        /// A bare identifier in check position is not a known macro.
        public static var unknownMacro: Self { Self(kind: .unknownMacro) }
        /// A list name (`x in name`) is not a known list.
        public static var unknownList: Self { Self(kind: .unknownList) }
        /// Macros reference each other in a cycle.
        public static var macroCycle: Self { Self(kind: .macroCycle) }
        /// Lists reference each other in a cycle.
        public static var listCycle: Self { Self(kind: .listCycle) }
        /// The code's name.
        public var description: String { "\(kind)" }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A human-readable explanation, naming what was expected or which item is at fault.
    public var message: String
    /// Byte offset into the condition text, for syntax errors.
    public var offset: Int?
    /// 1-based line of the error in the condition text, for syntax errors.
    public var line: Int?
    /// 1-based column (in Unicode scalars) of the error in its line, for syntax errors.
    public var column: Int?
    /// For expansion errors, the macro or list at fault (the first one over a limit, a member of a cycle,
    /// the macro using an undefined one), when known.
    public var item: String?

    /// Creates an error.
    public init(
        code: Code,
        message: String,
        offset: Int? = nil,
        line: Int? = nil,
        column: Int? = nil,
        item: String? = nil
    ) {
        self.code = code
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
        self.item = item
    }

    /// `code: message`, followed by the position when known.
    public var description: String {
        if let line, let column { return "\(code): \(message) (line \(line), column \(column))" }
        return "\(code): \(message)"
    }
}
