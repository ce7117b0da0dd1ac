import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3029Tests {
    let rule = NoFromPlatformFlag()

    @Test func firesOnFixedPlatforms() {
        #expect(lines(of: rule, in: "FROM --platform=linux/amd64 a:1\nFROM --platform=$ARCH b:1\n") == [1, 2])
    }

    @Test func acceptsBuildAndTargetPlatform() {
        let source = "FROM --platform=$BUILDPLATFORM a:1 AS b\nFROM --platform=${TARGETPLATFORM} c:1\nFROM d:1\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
