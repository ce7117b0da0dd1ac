import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3065Tests {
    let rule = RedundantTargetPlatform()

    @Test func firesOnTargetPlatform() {
        let source = "FROM --platform=$TARGETPLATFORM a:1\nFROM --platform=${TARGETPLATFORM} b:1\n"
        #expect(lines(of: rule, in: source) == [1, 2])
    }

    @Test func acceptsOtherPlatforms() {
        let source = "FROM --platform=$BUILDPLATFORM a:1\nFROM --platform=\"$TARGETPLATFORM\" b:1\nFROM c:1\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
