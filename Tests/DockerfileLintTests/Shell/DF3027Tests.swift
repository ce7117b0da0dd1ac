import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3027Tests {
    let rule = AptCommandUsage()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3027")
        #expect(rule.descriptor.aliases == ["DL3027"])
    }

    @Test func firesOnApt() {
        let source = "FROM debian:12\nRUN apt update\nRUN apt install -y curl\nONBUILD RUN apt list\n"
        #expect(lines(of: rule, in: source) == [2, 3, 4])
    }

    @Test func doesNotFireOnAptGetOrAptCache() {
        let source = "FROM debian:12\nRUN apt-get update\nRUN apt-cache policy curl\nRUN echo apt\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
