import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3053Tests {
    let rule = LabelNotRFC3339()
    let settings = RuleSettings(labelSchema: ["v": "rfc3339", "other": "text"])

    @Test func firesOnInvalidValues() {
        let source = """
            FROM a:1
            LABEL v="2024-01-02 03:04:05Z"
            LABEL v="2024-01-02T03:04:05"
            LABEL v="2024-02-30T03:04:05Z"
            LABEL v="2024-01-02T24:00:00Z"
            LABEL v="2023-02-29T00:00:00Z"
            LABEL v="2024-01-02T03:04:05+01"
            """
        #expect(lines(of: rule, in: source, settings: settings) == [2, 3, 4, 5, 6, 7])
    }

    @Test func acceptsValidValues() {
        let source = """
            FROM a:1
            LABEL v="2024-01-02T03:04:05Z"
            LABEL v="2024-01-02t03:04:05.123z"
            LABEL v="2024-01-02T03:04:05+0100"
            LABEL v="2024-02-29T00:00:00Z"
            LABEL v="2024-01-02T23:59:60Z"
            LABEL v=" 2024-01-02T03:04:05-00:00 "
            LABEL other="not checked"
            """
        #expect(lines(of: rule, in: source, settings: settings).isEmpty)
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
