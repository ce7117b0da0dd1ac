import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3058Tests {
    let rule = LabelNotEmail()
    let settings = RuleSettings(labelSchema: ["v": "email", "other": "text"])

    @Test func firesOnInvalidValues() {
        let source = """
            FROM a:1
            LABEL v="ab"
            LABEL v="a..b@c.d"
            LABEL v="a@-b.c"
            LABEL v="John <a@b.c>"
            LABEL v="a@b_c.d"
            LABEL v="a@b.."
            """
        #expect(lines(of: rule, in: source, settings: settings) == [2, 3, 4, 5, 6, 7])
    }

    @Test func acceptsValidValues() {
        let source = """
            FROM a:1
            LABEL v="a@b.c"
            LABEL v="a@localhost"
            LABEL v="\\\"a b\\\"@c.d"
            LABEL v="a@[1.2.3.4]"
            LABEL v="a(comment)@b.c"
            LABEL v="a@b.c."
            LABEL other="not checked"
            """
        #expect(lines(of: rule, in: source, settings: settings).isEmpty)
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func lengthLimits() {
        #expect(LabelValueFormats.isEmail(String(repeating: "a", count: 64) + "@b.c"))
        #expect(!LabelValueFormats.isEmail(String(repeating: "a", count: 65) + "@b.c"))
        #expect(!LabelValueFormats.isEmail("a@" + String(repeating: "b", count: 64) + ".c"))
    }
}
