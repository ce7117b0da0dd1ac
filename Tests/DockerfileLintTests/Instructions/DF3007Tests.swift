import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3007Tests {
    let rule = NoLatestTag()

    @Test func firesOnLatest() {
        let source = "FROM alpine:latest\nFROM ghcr.io/org/app:latest AS app\nFROM myreg.io:5000/x:latest\n"
        #expect(lines(of: rule, in: source) == [1, 2, 3])
    }

    @Test func acceptsPinnedTagsAndDigests() {
        let source = "FROM alpine:3.20\nFROM alpine:latest@sha256:abc\nFROM alpine:LATEST\nFROM ${A:-alpine:latest}\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
