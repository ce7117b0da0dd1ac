import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

/// Applies the fix of the violation of `rule` at `line` and checks the result: it equals `expected`,
/// parses without new diagnostics, and the rule no longer fires at that line.
func expectFix(
    of rule: some DockerfileRule,
    in source: String,
    line: Int,
    gives expected: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let violation = violations(of: rule, in: source).first(where: { $0.range.start.line == line }) else {
        Issue.record("no violation at line \(line)", sourceLocation: sourceLocation)
        return
    }
    guard let fix = violation.fix else {
        Issue.record("the violation at line \(line) has no fix", sourceLocation: sourceLocation)
        return
    }
    let fixed = applying(fix, to: source)
    #expect(fixed == expected, sourceLocation: sourceLocation)
    let reparsed = Dockerfile(parsing: fixed)
    #expect(
        reparsed.instructions.count == Dockerfile(parsing: source).instructions.count,
        sourceLocation: sourceLocation
    )
    #expect(reparsed.diagnostics.count == Dockerfile(parsing: source).diagnostics.count, sourceLocation: sourceLocation)
    #expect(!lines(of: rule, in: fixed).contains(line), sourceLocation: sourceLocation)
}

/// Checks that the violation of `rule` at `line` carries no fix.
func expectNoFix(
    of rule: some DockerfileRule,
    in source: String,
    line: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let found = violations(of: rule, in: source).filter { $0.range.start.line == line }
    #expect(!found.isEmpty, "no violation at line \(line)", sourceLocation: sourceLocation)
    #expect(found.allSatisfy { $0.fix == nil }, sourceLocation: sourceLocation)
}
