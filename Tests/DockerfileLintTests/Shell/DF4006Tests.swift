import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF4006Tests {
    let rule = PipefailBeforePipe()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF4006")
        #expect(rule.descriptor.aliases == ["DL4006"])
    }

    @Test func firesOnPipesWithoutPipefail() {
        let source = """
            FROM debian:12
            RUN curl -s https://x | sh
            RUN set -o pipefail && a | b
            RUN echo $(a | b)
            RUN ["sh", "-c", "a | b"]
            SHELL ["/bin/sh", "-c"]
            RUN a |& b
            """
        // `set -o pipefail` in the RUN does not count for hadolint; the exec form is joined and parsed.
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5, 7])
    }

    @Test func pipefailShellCoversTheRestOfTheStage() {
        let source = """
            FROM debian:12
            SHELL ["/bin/bash", "-o", "pipefail", "-c"]
            RUN a | b
            SHELL ["/bin/sh", "-c"]
            RUN a | b
            SHELL ["ash", "-eo", "pipefail", "-c"]
            RUN a | b
            FROM debian:12
            RUN a | b
            """
        #expect(lines(of: rule, in: source) == [5, 9])
    }

    @Test func ignoresNonPipes() {
        let source = """
            FROM debian:12
            RUN a || b
            RUN echo "a | b"
            RUN sh -c 'a | b'
            RUN case "$x" in a|b) echo ;; esac
            ONBUILD RUN a | b
            SHELL ["pwsh", "-Command"]
            RUN a | b
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
