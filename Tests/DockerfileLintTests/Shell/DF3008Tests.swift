import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3008Tests {
    let rule = AptGetVersionPinning()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3008")
        #expect(rule.descriptor.aliases == ["DL3008"])
    }

    @Test func firesOnUnpinnedPackages() {
        let source = """
            FROM debian:12
            RUN apt-get update && apt-get install -y curl
            RUN apt-get install -y curl=7.88 wget
            RUN apt-get install -t bookworm-backports foo
            ONBUILD RUN apt-get install -y git
            RUN command apt-get install foo
            RUN echo $(apt-get install foo)
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5, 6, 7])
    }

    @Test func acceptsPinsPathsAndDebFiles() {
        let source = """
            FROM debian:12
            RUN apt-get install -y curl=7.88.1-10 "wget=1.21"
            RUN apt-get install -y ./local.deb /tmp/pkgs/x
            RUN apt-get install -t bookworm-backports foo=1
            RUN apt-get install --target-release=bookworm foo=1
            RUN apt-get update
            RUN apt-get install
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func followsHadolintOnNamesAndNestedShells() {
        // Only the literal name `apt-get` counts, and `sh -c` strings are not looked into.
        let source = """
            FROM debian:12
            RUN /usr/bin/apt-get install foo
            RUN sh -c "apt-get install foo"
            RUN $APT install foo
            RUN ["/bin/sh", "-c", "apt-get update && apt-get install foo"]
            """
        #expect(lines(of: rule, in: source) == [5])
    }

    @Test func messageNamesUnpinnedPackages() {
        let found = violations(of: rule, in: "FROM debian:12\nRUN apt-get install -y curl=1 wget git wget\n")
        #expect(found.map(\.message) == ["apt-get install without pinned package versions: wget, git"])
    }
}
