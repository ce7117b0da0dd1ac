public import SecurityModel

/// A problem found while parsing a Dockerfile. Parsing never throws: a broken instruction becomes
/// one of these, and the rest of the file is still parsed.
public struct SyntaxDiagnostic: Sendable, Hashable {
    /// Stable machine name of the problem (`unterminated-heredoc`, `unknown-instruction`, …).
    public var code: String
    /// Human sentence.
    public var message: String
    /// Where (line/column are always set).
    public var range: SourceRange
    /// `error` problems are reported as parse findings; `warning`s only with `--verbose`.
    public var isError: Bool

    public init(code: String, message: String, range: SourceRange, isError: Bool = true) {
        self.code = code
        self.message = message
        self.range = range
        self.isError = isError
    }
}
