public import SecurityModel

/// Presentation choices that apply across output formats.
public struct RenderOptions: Sendable, Hashable {
    /// Use ANSI colours (human format only). Callers decide, e.g. from `isatty` and `NO_COLOR`.
    public var color: Bool
    /// Print the offending source line under each finding (human format only).
    public var showSnippets: Bool
    /// The `--fail-on` threshold, recorded in the JSON summary (`failOn`, `failed`).
    public var failOn: Severity?

    /// Creates options; by default no colour, snippets shown and no fail-on threshold.
    public init(color: Bool = false, showSnippets: Bool = true, failOn: Severity? = nil) {
        self.color = color
        self.showSnippets = showSnippets
        self.failOn = failOn
    }
}
