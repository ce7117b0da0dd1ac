import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF1001Tests {
    let rule = InlineIgnorePragma()

    @Test func isOffByDefault() {
        #expect(rule.descriptor.enabledByDefault == false)
        #expect(rule.descriptor.aliases == ["DL1001"])
    }

    @Test func firesOnInlineIgnoreComments() {
        let source = """
            # hadolint ignore=DL3006
            FROM alpine
            #hadolint ignore=DL3008,DL3009 # reason
            RUN apt-get install -y curl
              # bulkhead ignore=DF3007
            FROM alpine:latest
            """
        #expect(lines(of: rule, in: source) == [1, 3, 5])
    }

    @Test func ignoresGlobalPragmasAndOrdinaryComments() {
        let source = """
            # hadolint global ignore=DL3003
            # hadolint ignore=dl3000
            # hadolint ignore=DL3000 because
            # just a comment about hadolint ignore=DL3000
            FROM alpine:3
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func grammarMatchesHadolint() {
        #expect(InlineIgnorePragma.isInlineIgnore(" hadolint ignore = DL3000 , DL3001 "))
        #expect(InlineIgnorePragma.isInlineIgnore("hadolint\tignore=SC2086"))
        #expect(!InlineIgnorePragma.isInlineIgnore("hadolintignore=DL3000"))
        #expect(!InlineIgnorePragma.isInlineIgnore("hadolint ignore="))
        #expect(!InlineIgnorePragma.isInlineIgnore("hadolint ignore=DL3000,"))
    }
}
