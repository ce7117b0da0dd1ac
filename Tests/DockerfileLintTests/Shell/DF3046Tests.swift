import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3046Tests {
    let rule = UseraddLogInit()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3046")
        #expect(rule.descriptor.aliases == ["DL3046"])
    }

    @Test func firesOnHighUidWithoutL() {
        let source = """
            FROM debian:12
            RUN useradd -u 123456 app
            RUN useradd -m -u "100000" app
            RUN useradd -u $UID app
            ONBUILD RUN useradd -u 999999 app
            """
        // hadolint measures `$UID` as written (`${UID}`, six characters), so it fires too.
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func acceptsShortUidsOrL() {
        let source = """
            FROM debian:12
            RUN useradd -u 1000 app
            RUN useradd -l -u 123456 app
            RUN useradd --no-log-init -u 123456 app
            RUN useradd --uid 123456 app
            RUN useradd -u123456 app
            RUN useradd app
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
