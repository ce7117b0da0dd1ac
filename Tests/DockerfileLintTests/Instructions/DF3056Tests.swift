import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3056Tests {
    let rule = LabelNotSemVer()
    let settings = RuleSettings(labelSchema: ["v": "semver", "other": "text"])

    @Test func firesOnInvalidValues() {
        let source = """
            FROM a:1
            LABEL v="1.2"
            LABEL v="v1.2.3"
            LABEL v="1.2.3.4"
            LABEL v="1.2.3-a..b"
            LABEL v="1.2.3 "
            LABEL v="1.2.3-.a"
            """
        #expect(lines(of: rule, in: source, settings: settings) == [2, 3, 4, 5, 6, 7])
    }

    @Test func acceptsValidValues() {
        let source = """
            FROM a:1
            LABEL v="1.2.3"
            LABEL v="01.2.3"
            LABEL v="1.2.3-rc.1+build.5"
            LABEL v="1.2.3-"
            LABEL v="1.2.3+a."
            LABEL v="1.2.3--"
            LABEL other="not checked"
            """
        #expect(lines(of: rule, in: source, settings: settings).isEmpty)
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
