import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF4000Tests {
    let rule = DeprecatedMaintainer()

    @Test func firesOnMaintainer() {
        #expect(lines(of: rule, in: "FROM a:1\nMAINTAINER Jane <j@x.org>\nmaintainer x\n") == [2, 3])
    }

    @Test func acceptsLabels() {
        #expect(lines(of: rule, in: "FROM a:1\nLABEL maintainer=jane\nONBUILD MAINTAINER x\n").isEmpty)
    }

    @Test func fixWritesAQuotedLabel() throws {
        let source = "FROM a:1\nMAINTAINER Jane \"JD\" Doe <$USER@x.org>\nRUN true\n"
        let fix = try #require(violations(of: rule, in: source).first?.fix)
        let fixed = applying(fix, to: source)
        #expect(fixed == "FROM a:1\nLABEL maintainer=\"Jane \\\"JD\\\" Doe <\\$USER@x.org>\"\nRUN true\n")
        #expect(lines(of: rule, in: fixed).isEmpty)
        let label = try #require(Dockerfile(parsing: fixed).instructions.first { $0.kind == .label })
        #expect(HadolintArguments.pairs(label) == [.init(key: "maintainer", value: "Jane \"JD\" Doe <\\$USER@x.org>")])
    }

    @Test func fixKeepsLowerCaseAndDropsSurroundingQuotes() throws {
        let source = "FROM a:1\nmaintainer \"Jane Doe\"\n"
        let fix = try #require(violations(of: rule, in: source).first?.fix)
        #expect(applying(fix, to: source) == "FROM a:1\nlabel maintainer=\"Jane Doe\"\n")
    }

    @Test func noFixAcrossContinuationLines() {
        let found = violations(of: rule, in: "FROM a:1\nMAINTAINER a \\\n  b\n")
        #expect(found.count == 1)
        #expect(found.first?.fix == nil)
    }
}
