import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3015Tests {
    let rule = AptGetNoInstallRecommends()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3015")
        #expect(rule.descriptor.aliases == ["DL3015"])
    }

    @Test func firesWithoutNoInstallRecommends() {
        let source = """
            FROM debian:12
            RUN apt-get install -y curl=1
            RUN apt-get update && apt-get -y install --no-install-suggests curl=1
            ONBUILD RUN apt-get install -y x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4])
    }

    @Test func acceptsFlagOrAptOption() {
        let source = """
            FROM debian:12
            RUN apt-get install -y --no-install-recommends curl=1
            RUN apt-get install -y -o APT::Install-Recommends=false curl=1
            RUN apt-get update
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func fixInsertsFlagAfterInstall() {
        let source = "FROM debian:12\nRUN apt-get update && apt-get -y install curl=1\n"
        expectFix(
            of: rule,
            in: source,
            line: 2,
            gives: "FROM debian:12\nRUN apt-get update && apt-get -y install --no-install-recommends curl=1\n"
        )
    }
}
