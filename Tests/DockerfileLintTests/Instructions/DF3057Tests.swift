import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3057Tests {
    let rule = StageWithoutHealthcheck()

    @Test func isOffByDefault() {
        #expect(rule.descriptor.enabledByDefault == false)
    }

    @Test func reportsStagesWithoutHealthcheck() {
        let source = """
            FROM a:1 AS base
            HEALTHCHECK CMD ["x"]
            FROM base AS app
            FROM other:1
            """
        #expect(lines(of: rule, in: source) == [4])
    }

    @Test func healthcheckAlsoClearsTheStagesItIsBuiltFrom() {
        let source = """
            FROM a:1 AS base
            FROM base AS app
            HEALTHCHECK CMD ["x"]
            FROM app AS c
            FROM d:1 AS e
            """
        #expect(lines(of: rule, in: source) == [5])
    }
}
