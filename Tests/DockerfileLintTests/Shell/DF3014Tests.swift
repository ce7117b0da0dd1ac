import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3014Tests {
    let rule = AptGetAssumeYes()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3014")
        #expect(rule.descriptor.aliases == ["DL3014"])
    }

    @Test func firesWithoutYes() {
        let source = """
            FROM debian:12
            RUN apt-get install curl=1
            RUN apt-get -q install curl=1
            RUN apt-get update && apt-get install -y a=1 && apt-get install b=1
            ONBUILD RUN apt-get install x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func acceptsEveryYesSpelling() {
        let source = """
            FROM debian:12
            RUN apt-get install -y a=1
            RUN apt-get --yes install a=1
            RUN apt-get install --assume-yes a=1
            RUN apt-get -qq install a=1
            RUN apt-get -q -q install a=1
            RUN apt-get --quiet --quiet install a=1
            RUN apt-get -q=2 install a=1
            RUN apt-get -yq install a=1
            RUN apt-get update
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func fixInsertsYesAfterEveryInstall() {
        let source =
            "FROM debian:12\nRUN apt-get update && apt-get install curl=1 && \\\n  apt-get install \\\n    git=1\n"
        expectFix(
            of: rule,
            in: source,
            line: 2,
            gives:
                "FROM debian:12\nRUN apt-get update && apt-get install -y curl=1 && \\\n  apt-get install -y \\\n    git=1\n"
        )
    }

    @Test func fixIsWithheldForSubstitutionsAndOtherForms() {
        let source = """
            FROM debian:12
            RUN echo $(apt-get install x)
            RUN ["apt-get", "install", "x"]
            RUN apt-get "install" x
            ONBUILD RUN apt-get install x
            """
        for line in [2, 3, 4, 5] { expectNoFix(of: rule, in: source, line: line) }
    }

    @Test func fixKeepsCRLFLineEndings() {
        let source = "FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install curl=1\r\n"
        expectFix(
            of: rule,
            in: source,
            line: 2,
            gives: "FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y curl=1\r\n"
        )
    }
}
