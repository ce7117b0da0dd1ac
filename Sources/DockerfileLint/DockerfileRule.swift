public import DockerfileSyntax
public import SecurityModel

/// The explicit catalogue of Dockerfile rules; each rule family adds a static list in its own file.
public enum RuleCatalogue {}

/// A Dockerfile lint rule: a small pure value that looks at a parsed file and reports violations.
///
/// Rules never do I/O. Everything they may need from outside (configuration, whether a
/// `.dockerignore` exists) is in the ``LintContext``.
public protocol DockerfileRule: Sendable {
    /// Identity, default severity and texts.
    var descriptor: RuleDescriptor { get }
    /// Finds the violations in `context.dockerfile`.
    func check(_ context: LintContext) -> [Violation]
}

/// One place where a rule is broken.
public struct Violation: Sendable, Hashable {
    /// Where. For instruction-level violations, the instruction's range.
    public var range: SourceRange
    /// What is wrong here.
    public var message: String
    /// Substrings (secrets) to mask in every output, including the source snippet.
    public var redactions: [String]
    /// A safe automatic fix, when one is unambiguous.
    public var fix: Fix?

    public init(range: SourceRange, message: String, redactions: [String] = [], fix: Fix? = nil) {
        self.range = range
        self.message = message
        self.redactions = redactions
        self.fix = fix
    }

    /// A violation at `instruction`.
    public init(_ instruction: Instruction, _ message: String, redactions: [String] = [], fix: Fix? = nil) {
        self.init(
            range: SourceRange(
                start: instruction.range.start,
                end: SourcePosition(line: instruction.range.start.line + 1, column: 1)
            ),
            message: message,
            redactions: redactions,
            fix: fix
        )
    }
}

/// A set of text edits over the original source that fixes one violation.
public struct Fix: Sendable, Hashable {
    /// Edits; byte ranges refer to the source the rule saw. They must not overlap.
    public var edits: [TextEdit]
    /// What the fix does, for `--fix` output.
    public var summary: String

    public init(edits: [TextEdit], summary: String) {
        self.edits = edits
        self.summary = summary
    }
}

/// Replace `byteRange` of the source with `replacement`.
public struct TextEdit: Sendable, Hashable {
    public var byteRange: Range<Int>
    public var replacement: String

    public init(byteRange: Range<Int>, replacement: String) {
        self.byteRange = byteRange
        self.replacement = replacement
    }

    /// Insert `text` at byte `offset`.
    public static func insert(_ text: String, at offset: Int) -> TextEdit {
        TextEdit(byteRange: offset..<offset, replacement: text)
    }
}
