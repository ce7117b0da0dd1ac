import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3037Tests {
    let rule = ZypperVersionPinning()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3037")
        #expect(rule.descriptor.aliases == ["DL3037"])
    }

    @Test func firesOnUnpinnedPackages() {
        let source = """
            FROM opensuse/leap:15
            RUN zypper install -y curl
            RUN zypper in -y curl=8 git
            ONBUILD RUN zypper install -y x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4])
    }

    @Test func acceptsPinsRangesAndRpms() {
        let source = """
            FROM opensuse/leap:15
            RUN zypper install -y curl=8.0 'git>=2' "vim<10" local.rpm
            RUN zypper remove -y curl
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
