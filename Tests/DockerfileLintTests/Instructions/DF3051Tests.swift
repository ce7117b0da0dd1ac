import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3051Tests {
    let rule = EmptyLabelValue()
    let settings = RuleSettings(labelSchema: ["maintainer": "text", "version": "semver"])

    @Test func firesOnEmptySchemaLabels() {
        let source = "FROM a:1\nLABEL maintainer=\"\"\nLABEL version= other=1\n"
        #expect(lines(of: rule, in: source, settings: settings) == [2, 3])
    }

    @Test func ignoresFilledAndUnknownLabels() {
        let source = "FROM a:1\nLABEL maintainer=me other=\"\"\n"
        #expect(lines(of: rule, in: source, settings: settings).isEmpty)
        #expect(lines(of: rule, in: "FROM a:1\nLABEL maintainer=\"\"\n").isEmpty)
    }
}
