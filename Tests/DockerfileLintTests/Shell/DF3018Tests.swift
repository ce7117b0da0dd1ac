import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3018Tests {
    let rule = ApkVersionPinning()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3018")
        #expect(rule.descriptor.aliases == ["DL3018"])
    }

    @Test func firesOnUnpinnedPackages() {
        let source = """
            FROM alpine:3.20
            RUN apk add curl
            RUN apk add --no-cache curl=8.5.0-r0 git
            RUN apk add --virtual .deps gcc
            ONBUILD RUN apk add x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func acceptsPinsAndPackageFiles() {
        let source = """
            FROM alpine:3.20
            RUN apk add --no-cache curl=8.5.0-r0 "git~2.45" 'bash>5'
            RUN apk add --virtual .build-deps gcc=13
            RUN apk add -t .deps -X https://mirror/main gcc=13
            RUN apk add /tmp/local.apk
            RUN apk del curl
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func looksIntoOnbuildHeredocs() {
        let source = "FROM alpine:3.20\nONBUILD RUN <<EOF\napk update\napk add git\nEOF\n"
        #expect(lines(of: rule, in: source) == [2])
    }
}
