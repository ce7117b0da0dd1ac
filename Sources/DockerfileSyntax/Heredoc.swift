/// A here-document attached to an instruction (`RUN <<EOF`, `COPY <<EOF /dst`).
public struct Heredoc: Sendable, Hashable {
    /// The delimiter word without quotes (`EOF`).
    public var delimiter: String
    /// True for `<<-`: leading tabs are stripped from body lines.
    public var stripsLeadingTabs: Bool
    /// True when the delimiter was quoted: no variable expansion in the body.
    public var isQuoted: Bool
    /// The body, without the terminating delimiter line, tabs stripped for `<<-`.
    public var body: String
    /// First line of the body (1-based).
    public var bodyStartLine: Int
    /// True when the terminating delimiter was found.
    public var isTerminated: Bool

    public init(
        delimiter: String,
        stripsLeadingTabs: Bool,
        isQuoted: Bool,
        body: String,
        bodyStartLine: Int,
        isTerminated: Bool
    ) {
        self.delimiter = delimiter
        self.stripsLeadingTabs = stripsLeadingTabs
        self.isQuoted = isQuoted
        self.body = body
        self.bodyStartLine = bodyStartLine
        self.isTerminated = isTerminated
    }
}
