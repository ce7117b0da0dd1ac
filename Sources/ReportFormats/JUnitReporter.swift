public import SecurityModel

/// JUnit XML for CI dashboards (Jenkins, GitLab, Azure DevOps…).
///
/// One `<testsuite>` per target (named by its path), one failing `<testcase>` per finding
/// (`classname` = rule id, `name` = `file:line ruleId`, a `<failure>` whose `type` is the severity),
/// one passing `<testcase>` for a target without findings, and a `<testcase>` with an `<error>` for each
/// target that could not be processed. Places that are not among the targets (findings in an image,
/// say) get a suite of their own. All text is escaped; characters XML 1.0 forbids are dropped.
public struct JUnitReporter: Sendable {
    /// Creates a reporter.
    public init() {}

    /// The XML document, followed by a newline.
    public func render(_ report: Report) -> String {
        let suites = Self.suites(report)
        let failures = report.findings.count
        let errors = report.errors.count
        let tests = suites.reduce(0) { $0 + $1.testCount }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(attr("\(report.tool.name) \(report.command)"))\" tests=\"\(tests)\""
        out += " failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for suite in suites { out += render(suite, report: report) }
        out += "</testsuites>\n"
        return out
    }

    /// The findings and errors of one target.
    private struct Suite {
        var name: String
        var findings: [Finding] = []
        var errors: [TargetError] = []
        var testCount: Int { findings.isEmpty && errors.isEmpty ? 1 : findings.count + errors.count }
    }

    /// Suites in target order, then places named only by findings or errors, in order of appearance.
    private static func suites(_ report: Report) -> [Suite] {
        var suites: [Suite] = []
        var indexByName: [String: Int] = [:]
        func index(_ name: String) -> Int {
            if let existing = indexByName[name] { return existing }
            suites.append(Suite(name: name))
            indexByName[name] = suites.count - 1
            return suites.count - 1
        }
        for target in report.targets { _ = index(target) }
        for finding in report.findings {
            suites[index(finding.location.file ?? finding.location.displayName)].findings.append(finding)
        }
        for error in report.errors { suites[index(error.target)].errors.append(error) }
        return suites
    }

    private func render(_ suite: Suite, report: Report) -> String {
        var out = "  <testsuite name=\"\(attr(suite.name))\" tests=\"\(suite.testCount)\""
        out += " failures=\"\(suite.findings.count)\" errors=\"\(suite.errors.count)\">\n"
        for finding in suite.findings {
            let line = finding.location.range.map { ":\($0.start.line)" } ?? ""
            out += "    <testcase classname=\"\(attr(finding.ruleID))\""
            out += " name=\"\(attr("\(suite.name)\(line) \(finding.ruleID)"))\">\n"
            out += "      <failure message=\"\(attr(finding.message))\" type=\"\(finding.severity.rawValue)\">"
            out += XMLText.escaped(failureText(finding)) + "</failure>\n"
            out += "    </testcase>\n"
        }
        for error in suite.errors {
            out += "    <testcase classname=\"\(attr("\(report.tool.name).\(report.command)"))\""
            out += " name=\"\(attr(suite.name))\">\n"
            out += "      <error message=\"\(attr(error.message))\" type=\"\(attr(error.code))\">"
            out += XMLText.escaped(error.message) + "</error>\n"
            out += "    </testcase>\n"
        }
        if suite.findings.isEmpty, suite.errors.isEmpty {
            out += "    <testcase classname=\"\(attr("\(report.tool.name).\(report.command)"))\""
            out += " name=\"\(attr(suite.name))\"/>\n"
        }
        out += "  </testsuite>\n"
        return out
    }

    /// The failure body: place, severity, rule, title and message, then the remediation and references.
    private func failureText(_ finding: Finding) -> String {
        var text = "\(finding.location.displayName): \(finding.severity.label) \(finding.ruleID)"
        if !finding.aliases.isEmpty { text += " (\(finding.aliases.joined(separator: ", ")))" }
        if !finding.title.isEmpty { text += " \(finding.title)" }
        text += "\n\(finding.message)"
        if let snippet = finding.location.snippet { text += "\n\n    \(snippet)" }
        if let remediation = finding.remediation, !remediation.isEmpty { text += "\n\nfix: \(remediation)" }
        for reference in finding.references { text += "\nsee: \(reference)" }
        return text
    }

    private func attr(_ text: String) -> String { XMLText.attribute(text) }
}
