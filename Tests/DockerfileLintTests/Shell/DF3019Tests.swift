import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3019Tests {
    let rule = ApkNoCache()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3019")
        #expect(rule.descriptor.aliases == ["DL3019"])
    }

    @Test func firesWithoutNoCache() {
        let source = """
            FROM alpine:3.20
            RUN apk add curl=8
            RUN apk update && apk add --update curl=8
            ONBUILD RUN apk add x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4])
    }

    @Test func acceptsNoCacheOrCacheMount() {
        let source = """
            FROM alpine:3.20
            RUN apk add --no-cache curl=8
            RUN apk --no-cache add curl=8
            RUN --mount=type=cache,target=/var/cache/apk apk add curl=8
            RUN apk del curl
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func fixInsertsNoCacheAfterAdd() {
        let source = "FROM alpine:3.20\nRUN apk update && apk add curl=8\n"
        expectFix(
            of: rule,
            in: source,
            line: 2,
            gives: "FROM alpine:3.20\nRUN apk update && apk add --no-cache curl=8\n"
        )
    }
}
