import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3052Tests {
    let rule = LabelNotURL()
    let settings = RuleSettings(labelSchema: ["v": "url", "other": "text"])

    @Test func firesOnInvalidValues() {
        let source = """
            FROM a:1
            LABEL v="example.com"
            LABEL v="http://exa mple.com"
            LABEL v="http://example.com:abc/"
            LABEL v="http://[1.2.3.4]/"
            LABEL v="1http://x"
            LABEL v="http://ex%zz"
            """
        #expect(lines(of: rule, in: source, settings: settings) == [2, 3, 4, 5, 6, 7])
    }

    @Test func acceptsValidValues() {
        let source = """
            FROM a:1
            LABEL v="https://example.com/path?q=1#f"
            LABEL v="mailto:a@b.c"
            LABEL v="urn:isbn:123"
            LABEL v="http://[::1]:80/"
            LABEL v="git+ssh://git@github.com/x.git"
            LABEL v="http://[fe80::1%25eth0]/"
            LABEL other="not checked"
            """
        #expect(lines(of: rule, in: source, settings: settings).isEmpty)
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func uriGrammar() {
        #expect(LabelValueFormats.isURI("http:"))
        #expect(LabelValueFormats.isURI("http://user:pass@host/"))
        #expect(!LabelValueFormats.isURI("http://[v1.x:y]/"))
        #expect(!LabelValueFormats.isURI("http://example.com/#a#b"))
        #expect(LabelValueFormats.isIPv6(Array("1:2:3:4:5:6:1.2.3.4".utf8)))
        #expect(!LabelValueFormats.isIPv6(Array("1::2::3".utf8)))
    }
}
