import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3003Tests {
    let rule = CdInsteadOfWorkdir()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3003")
        #expect(rule.descriptor.aliases == ["DL3003"])
    }

    @Test func firesOnCd() {
        let source = "FROM debian:12\nRUN cd /tmp && make\nRUN (cd /src && make)\nRUN echo $(cd /x; pwd)\n"
        #expect(lines(of: rule, in: source) == [2, 3, 4])
    }

    @Test func ignoresOnbuildAndNestedShells() {
        // Like hadolint: ONBUILD triggers are not checked for cd, and `sh -c` bodies are plain strings.
        let source = "FROM debian:12\nONBUILD RUN cd /tmp\nRUN sh -c 'cd /tmp'\nWORKDIR /tmp\nRUN echo cd\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
