import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3002Tests {
    let rule = LastUserNotRoot()

    @Test func reportsEveryStageEndingAsRoot() {
        let source = """
            FROM alpine:3 AS build
            USER root
            FROM alpine:3
            USER app
            USER 0:0
            """
        #expect(lines(of: rule, in: source) == [2, 5])
    }

    @Test func laterNonRootUserClearsTheStage() {
        let source = "FROM alpine:3\nUSER root\nRUN apk add curl\nUSER 10001\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func matchesHadolintsNotionOfRoot() {
        // Trailing blanks and quotes make the value differ from `root` for hadolint.
        #expect(lines(of: rule, in: "FROM a:1\nUSER root \n").isEmpty)
        #expect(lines(of: rule, in: "FROM a:1\nUSER \"root\"\n").isEmpty)
        #expect(lines(of: rule, in: "FROM a:1\nUSER root:root\n") == [2])
        #expect(lines(of: rule, in: "USER root\nFROM a:1\n").isEmpty)
    }
}
