import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3049Tests {
    let rule = MissingRequiredLabel()
    let settings = RuleSettings(labelSchema: ["maintainer": "text", "org.opencontainers.image.source": "url"])

    @Test func silentWithoutSchema() {
        #expect(lines(of: rule, in: "FROM a:1\n").isEmpty)
    }

    @Test func reportsEachMissingLabelAtTheStage() {
        let source = "FROM a:1\nLABEL maintainer=me\n"
        let found = violations(of: rule, in: source, settings: settings)
        #expect(found.map(\.range.start.line) == [1])
        #expect(found.first?.message.contains("org.opencontainers.image.source") == true)
    }

    @Test func inheritanceAndCopySourcesFollowHadolint() {
        let source = """
            FROM a:1 AS base
            LABEL maintainer=me org.opencontainers.image.source=https://x
            FROM base AS app
            FROM b:1 AS tools
            FROM c:1
            COPY --from=tools /bin/t /bin/t
            LABEL maintainer=me org.opencontainers.image.source=https://x
            """
        #expect(lines(of: rule, in: source, settings: settings).isEmpty)
    }
}
