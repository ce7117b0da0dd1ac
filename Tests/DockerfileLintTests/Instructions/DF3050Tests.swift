import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3050Tests {
    let rule = UnexpectedLabel()

    @Test func firesOnLabelsOutsideTheSchemaWhenStrict() {
        let settings = RuleSettings(labelSchema: ["maintainer": "text"], strictLabels: true)
        let source = "FROM a:1\nLABEL maintainer=me\nLABEL maintainer=me extra=1\n"
        #expect(lines(of: rule, in: source, settings: settings) == [3])
    }

    @Test func silentUnlessStrict() {
        let settings = RuleSettings(labelSchema: ["maintainer": "text"])
        #expect(lines(of: rule, in: "FROM a:1\nLABEL extra=1\n", settings: settings).isEmpty)
    }
}
