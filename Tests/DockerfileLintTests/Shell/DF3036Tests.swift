import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3036Tests {
    let rule = ZypperClean()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3036")
        #expect(rule.descriptor.aliases == ["DL3036"])
    }

    @Test func firesWithoutCleanAfterInstall() {
        let source = """
            FROM opensuse/leap:15
            RUN zypper install -y curl=8
            RUN zypper clean && zypper install -y curl=8
            ONBUILD RUN zypper in -y x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4])
    }

    @Test func acceptsCleanOrCacheMount() {
        let source = """
            FROM opensuse/leap:15
            RUN zypper install -y curl=8 && zypper clean
            RUN zypper in -y curl=8 && zypper cc -a
            RUN --mount=type=cache,target=/var/cache/zypp zypper install -y curl=8
            RUN zypper refresh
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
