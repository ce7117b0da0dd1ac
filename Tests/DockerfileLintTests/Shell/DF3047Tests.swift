import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3047Tests {
    let rule = WgetProgress()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3047")
        #expect(rule.descriptor.aliases == ["DL3047"])
    }

    @Test func firesWithoutProgressOrQuiet() {
        let source = """
            FROM debian:12
            RUN wget https://example.com/x
            RUN wget -O /tmp/x https://example.com/x
            RUN echo $(wget https://example.com/x)
            ONBUILD RUN wget https://example.com/x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func acceptsProgressQuietAndLogFiles() {
        let source = """
            FROM debian:12
            RUN wget --progress=dot:giga https://example.com/x
            RUN wget -q https://example.com/x
            RUN wget --quiet https://example.com/x
            RUN wget -nv https://example.com/x
            RUN wget --no-verbose https://example.com/x
            RUN wget -qO- https://example.com/x
            RUN wget -o log https://example.com/x
            RUN wget --output-file=log https://example.com/x
            RUN wget -a log https://example.com/x
            RUN wget --append-output log https://example.com/x
            RUN curl -fsSL https://example.com/x
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
