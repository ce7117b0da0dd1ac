import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3048Tests {
    let rule = ValidLabelKey()

    @Test func firesOnInvalidKeys() {
        let source = """
            FROM a:1
            LABEL Maintainer=x
            LABEL com.docker.thing=1
            LABEL a..b=1
            LABEL a-=1
            LABEL ok=1 1abc=2
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5, 6])
    }

    @Test func acceptsWellFormedKeys() {
        let source = """
            FROM a:1
            LABEL org.opencontainers.image.source="https://x" version=1
            LABEL "com.example.vendor"="ACME"
            LABEL a_b/c-d.e1=1
            LABEL description value with spaces
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
