import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3055Tests {
    let rule = LabelNotGitHash()
    let settings = RuleSettings(labelSchema: ["v": "hash", "other": "text"])

    @Test func firesOnInvalidValues() {
        let source = """
            FROM a:1
            LABEL v="ABCDEF1"
            LABEL v="abcdef12"
            LABEL v="gggggggggggggggggggggggggggggggggggggggg"
            LABEL v="abc"
            """
        #expect(lines(of: rule, in: source, settings: settings) == [2, 3, 4, 5])
    }

    @Test func acceptsValidValues() {
        let source = """
            FROM a:1
            LABEL v="abcdef1"
            LABEL v="0123456789abcdef0123456789abcdef01234567"
            LABEL other="not checked"
            """
        #expect(lines(of: rule, in: source, settings: settings).isEmpty)
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
