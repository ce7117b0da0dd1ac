public import SecurityModel

/// Compiler-style text output for terminals, in the manner of compilers and hadolint.
///
/// ```
/// Dockerfile:3:5: HIGH DF3008 (DL3008) Pin versions in apt-get install
///     3 | RUN apt-get install curl
///       |     ^~~~~~~
///   fix: Write `apt-get install curl=<version>`.
/// error: cannot read 'missing/Dockerfile': no such file
///
/// 1 finding (1 high) in 2 files; 1 error
/// ```
///
/// Text from scanned files is printed with control characters made visible, so a file cannot inject
/// escape sequences; ANSI styles appear only when ``color`` is true.
public struct HumanReporter: Sendable {
    /// Use ANSI colours.
    public var color: Bool
    /// Print the offending source line with a caret under the start column.
    public var showSnippets: Bool

    /// Creates a reporter; colour is off and snippets are on by default.
    public init(color: Bool = false, showSnippets: Bool = true) {
        self.color = color
        self.showSnippets = showSnippets
    }

    /// Renders the findings, the target errors and a summary line.
    public func render(_ report: Report) -> String {
        var out = ""
        for finding in report.findings { out += render(finding) }
        for error in report.errors {
            out += ANSIStyle.red.apply("error:", enabled: color) + " " + continued(error.message) + "\n"
        }
        if !out.isEmpty { out += "\n" }
        out += summary(report) + "\n"
        return out
    }

    private func render(_ finding: Finding) -> String {
        let style = finding.severity.ansiStyle
        var header = ANSIStyle.bold.apply(TerminalText.line(finding.location.displayName) + ":", enabled: color)
        header += " " + style.apply(finding.severity.label, enabled: color)
        header += " " + ANSIStyle.bold.apply(TerminalText.line(finding.ruleID), enabled: color)
        if !finding.aliases.isEmpty {
            header += " (" + TerminalText.line(finding.aliases.joined(separator: ", ")) + ")"
        }
        header += " " + continued(finding.message)
        var out = header + "\n"
        if let subject = Self.subject(finding.location) {
            out += "  " + ANSIStyle.dim.apply("in: ", enabled: color) + TerminalText.line(subject) + "\n"
        }
        if showSnippets, let snippet = finding.location.snippet {
            out += snippetLines(snippet, range: finding.location.range, style: style)
        }
        if let remediation = finding.remediation, !remediation.isEmpty {
            out += ANSIStyle.dim.apply("  fix: " + continued(remediation), enabled: color) + "\n"
        }
        return out
    }

    /// What a file-anchored finding is about when the file alone does not say: the manifest object, the
    /// container and the field (`Deployment/prod/web, container app, spec.template.spec.containers[0]…`).
    static func subject(_ location: Location) -> String? {
        guard location.file != nil else { return nil }
        var parts: [String] = []
        if let object = location.object { parts.append(object) }
        if let container = location.container, !(location.object?.hasSuffix("/" + container) ?? false) {
            parts.append("container \(container)")
        }
        if let field = location.fieldPath { parts.append(field) }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// Multi-line text with continuation lines indented under the first.
    private func continued(_ text: String) -> String {
        TerminalText.lines(text).joined(separator: "\n    ")
    }

    /// The gutter line with the source text and, when the range is known, the caret line.
    private func snippetLines(_ snippet: String, range: SourceRange?, style: ANSIStyle) -> String {
        let firstLine =
            snippet.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { String($0) } ?? ""
        let source = firstLine.hasSuffix("\r") ? String(firstLine.unicodeScalars.dropLast()) : firstLine
        let cells = source.unicodeScalars.map(TerminalText.display)
        let number = range.map { String($0.start.line) } ?? ""
        let width = max(4, number.count)
        let gutter = String(repeating: " ", count: width - number.count) + number
        let blank = String(repeating: " ", count: width)
        var out = "  " + ANSIStyle.dim.apply(gutter + " |", enabled: color) + " " + cells.joined() + "\n"
        guard let range else { return out }

        let startIndex = min(max(range.start.column - 1, 0), cells.count)
        var length = 1
        if range.end.line == range.start.line, range.end.column > range.start.column {
            length = range.end.column - range.start.column
        } else if range.end.line > range.start.line {
            length = cells.count - startIndex
        }
        length = max(1, min(length, cells.count - startIndex))
        // Keep tabs so the caret lines up with the text above; every other cell becomes spaces.
        let padding = cells[..<startIndex].map { $0 == "\t" ? "\t" : String(repeating: " ", count: $0.count) }
        let marker = "^" + String(repeating: "~", count: length - 1)
        out += "  " + ANSIStyle.dim.apply(blank + " |", enabled: color) + " " + padding.joined()
        out += style.apply(marker, enabled: color) + "\n"
        return out
    }

    private func summary(_ report: Report) -> String {
        // Lint and Compose/Kubernetes audits examine files; the Docker audit containers and host parts.
        let noun = report.command == "audit docker" ? "target" : "file"
        let files = plural(report.targets.count, noun)
        let errors = report.errors.isEmpty ? "" : "; " + plural(report.errors.count, "error")
        guard !report.findings.isEmpty else { return "No findings in \(files)\(errors)." }
        let counts = report.countsBySeverity
        let parts = Severity.allCases.reversed().compactMap { severity -> String? in
            guard let count = counts[severity], count > 0 else { return nil }
            return severity.ansiStyle.apply("\(count) \(severity.rawValue)", enabled: color)
        }
        let total = ANSIStyle.bold.apply(plural(report.findings.count, "finding"), enabled: color)
        return "\(total) (\(parts.joined(separator: ", "))) in \(files)\(errors)"
    }

    private func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
