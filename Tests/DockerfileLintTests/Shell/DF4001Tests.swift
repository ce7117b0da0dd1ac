import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF4001Tests {
    let rule = WgetAndCurl()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF4001")
        #expect(rule.descriptor.aliases == ["DL4001"])
    }

    @Test func firesOnceBothToolsAreUsedInAStage() {
        let source = """
            FROM debian:12
            RUN curl -fsSL https://example.com/a
            RUN echo
            RUN wget -q https://example.com/b
            RUN curl https://example.com/c
            FROM debian:12
            RUN wget -q https://example.com/d
            """
        #expect(lines(of: rule, in: source) == [4, 5])
    }

    @Test func firesOnBothInOneRunAndInSubstitutions() {
        let source = "FROM debian:12\nRUN X=$(curl -s https://a) && wget -q https://b\n"
        #expect(lines(of: rule, in: source) == [2])
    }

    @Test func doesNotFireForOneTool() {
        let source = "FROM debian:12\nRUN curl https://a\nRUN curl https://b\nRUN sh -c 'wget https://c'\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
