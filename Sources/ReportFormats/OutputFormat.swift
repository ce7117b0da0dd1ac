public import SecurityModel

/// The report formats Bulkhead can write (`--format`).
public enum OutputFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Compiler-style text for terminals (``HumanReporter``).
    case human
    /// The versioned Bulkhead JSON report, `docs/report-schema.md` (``JSONReporter``).
    case json
    /// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers (``SARIFReporter``).
    case sarif
    /// JUnit XML for CI test dashboards (``JUnitReporter``).
    case junit
    /// GitLab Code Quality JSON (``GitLabCodeQualityReporter``).
    case gitlab

    /// The format name as written on the command line.
    public var description: String { rawValue }

    /// Renders `report` in this format. Every format returns the whole document, ending in a newline.
    public func render(_ report: Report, options: RenderOptions) -> String {
        switch self {
        case .human: HumanReporter(color: options.color, showSnippets: options.showSnippets).render(report)
        case .json: JSONReporter(failOn: options.failOn).render(report)
        case .sarif: SARIFReporter().render(report)
        case .junit: JUnitReporter().render(report)
        case .gitlab: GitLabCodeQualityReporter().render(report)
        }
    }
}
