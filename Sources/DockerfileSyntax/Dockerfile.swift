/// A parsed Dockerfile (or Containerfile): lossless, error tolerant.
///
/// ``nodes`` cover the source contiguously, so ``description`` reproduces the input byte for byte.
/// Parsing never fails: problems become ``diagnostics``.
public struct Dockerfile: Sendable, Hashable, CustomStringConvertible {
    /// A contiguous piece of the source.
    public struct Node: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// A blank line.
            case blank
            /// A comment line (pragmas live here).
            case comment(String)
            /// A parser directive line.
            case directive(ParserDirective)
            /// The instruction at this index of ``Dockerfile/instructions``.
            case instruction(Int)
        }
        public var kind: Kind
        /// Byte range in the source.
        public var byteRange: Range<Int>
        /// First physical line.
        public var line: Int
    }

    /// A comment line with its text after `#`, trimmed.
    public struct Comment: Sendable, Hashable {
        public var text: String
        public var line: Int
    }

    /// The source text.
    public let source: String
    /// Contiguous pieces covering ``source``.
    public var nodes: [Node]
    /// The instructions, in order.
    public var instructions: [Instruction]
    /// Parser directives from the top of the file.
    public var directives: [ParserDirective]
    /// Comment lines outside instructions (including those that are pragmas).
    public var comments: [Comment]
    /// Problems found while parsing.
    public var diagnostics: [SyntaxDiagnostic]
    /// Escape character in force (`\` unless `# escape=`` ` ``).
    public var escapeCharacter: Character
    /// Byte offset where each physical line starts (index 0 is line 1).
    let lineStarts: [Int]

    init(
        source: String,
        nodes: [Node],
        instructions: [Instruction],
        directives: [ParserDirective],
        comments: [Comment],
        diagnostics: [SyntaxDiagnostic],
        escapeCharacter: Character,
        lineStarts: [Int]
    ) {
        self.lineStarts = lineStarts
        self.source = source
        self.nodes = nodes
        self.instructions = instructions
        self.directives = directives
        self.comments = comments
        self.diagnostics = diagnostics
        self.escapeCharacter = escapeCharacter
    }

    /// Parses `source`. Never throws.
    public init(parsing source: String) {
        var parser = DockerfileParser(source: source)
        self = parser.parse()
    }

    /// The file re-printed from its nodes: equal to ``source`` byte for byte.
    public var description: String {
        let utf8 = Array(source.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        for node in nodes { out.append(contentsOf: utf8[node.byteRange]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text of physical line `line` (1-based) without its line break, or "" when out of range.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let utf8 = source.utf8
        let startOffset = lineStarts[line - 1]
        let endOffset = line < lineStarts.count ? lineStarts[line] : utf8.count
        var bytes = Array(
            utf8[utf8.index(utf8.startIndex, offsetBy: startOffset)..<utf8.index(utf8.startIndex, offsetBy: endOffset)]
        )
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The value of directive `name` (`syntax`, `escape`, `check`), or nil.
    public func directive(_ name: String) -> String? {
        directives.first { $0.name == name }?.value
    }
}
