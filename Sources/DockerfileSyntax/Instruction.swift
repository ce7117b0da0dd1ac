public import SecurityModel

/// How an instruction's arguments were written.
public enum ArgumentForm: Sendable, Hashable {
    /// JSON array form (`CMD ["nginx", "-g", "daemon off;"]`), strings already decoded.
    case exec([String])
    /// Anything else: the logical argument text (continuations joined).
    case shell(String)
}

/// One Dockerfile instruction with its exact source text and its parsed parts.
///
/// The raw text (``rawText``) covers every physical line of the instruction, including comment
/// lines inside a continuation and here-document bodies, so that concatenating all nodes of a
/// ``Dockerfile`` reproduces the file byte for byte.
public struct Instruction: Sendable, Hashable {
    /// Which instruction this is (`.unknown` for an unrecognised keyword).
    public var kind: InstructionKind
    /// The keyword exactly as written (`run`, `Run`, `RUN`).
    public var keywordAsWritten: String
    /// The exact source bytes of this instruction (as UTF-8 text), up to and including its final newline.
    public var rawText: String
    /// Byte offset of ``rawText`` in the file.
    public var rawOffset: Int
    /// The instruction line with continuations joined (escape + newline removed), comment lines inside
    /// the continuation dropped, and here-document bodies excluded. No trailing newline.
    public var logicalText: String
    /// Flags before the arguments.
    public var flags: [InstructionFlag]
    /// Logical text after the keyword and flags, trimmed.
    public var arguments: String
    /// Offset of ``arguments`` in ``logicalText`` (UTF-8 bytes).
    public var argumentsOffset: Int
    /// Exec or shell form of ``arguments``.
    public var form: ArgumentForm
    /// Here-documents, in the order their markers appear.
    public var heredocs: [Heredoc]
    /// For `ONBUILD`, the trigger instruction (zero or one element).
    public var onbuildTrigger: [Instruction]
    /// First and last physical line, and columns.
    public var range: SourceRange
    /// Ordinal of the instruction in its file (0-based).
    public var index: Int
    /// The escape character in force (`\` or `` ` ``).
    public var escapeCharacter: Character
    /// Maps logical-text offsets back to raw offsets: one entry per physical line that contributed
    /// to ``logicalText``.
    public var segments: [Segment]

    /// A run of ``logicalText`` copied from one physical line.
    public struct Segment: Sendable, Hashable {
        /// Offset in the logical text where this segment starts.
        public var logicalStart: Int
        /// Offset in the file (bytes) of the same character.
        public var rawStart: Int
        /// Physical line number.
        public var line: Int
    }

    /// 1-based line of the keyword.
    public var line: Int { range.start.line }

    /// The trigger for ONBUILD, else nil.
    public var trigger: Instruction? { onbuildTrigger.first }

    /// The value of flag `name` (lower-case, without dashes), or nil. A bare flag yields "".
    public func flag(_ name: String) -> String? {
        guard let f = flags.first(where: { $0.name == name }) else { return nil }
        return f.value ?? ""
    }

    /// True when the flag is present at all.
    public func hasFlag(_ name: String) -> Bool { flags.contains { $0.name == name } }

    /// Maps a UTF-8 offset in ``logicalText`` to the byte offset in the file.
    public func rawOffset(forLogical offset: Int) -> Int {
        var chosen = segments.first
        for s in segments where s.logicalStart <= offset { chosen = s }
        guard let chosen else { return rawOffset }
        return chosen.rawStart + (offset - chosen.logicalStart)
    }

    /// Maps a UTF-8 offset in ``logicalText`` to its physical line.
    public func line(forLogical offset: Int) -> Int {
        var line = range.start.line
        for s in segments where s.logicalStart <= offset { line = s.line }
        return line
    }

    /// Arguments as a list of words: the exec-form strings, or the shell-form text split into words
    /// (quotes removed, escapes processed).
    public var argumentWords: [String] {
        switch form {
        case .exec(let items): items
        case .shell(let text): DockerfileWords.split(text, escape: escapeCharacter).map(\.value)
        }
    }
}
