import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3034Tests {
    let rule = ZypperNonInteractive()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3034")
        #expect(rule.descriptor.aliases == ["DL3034"])
    }

    @Test func firesWithoutNonInteractiveSwitch() {
        let source = """
            FROM opensuse/leap:15
            RUN zypper install curl
            RUN zypper rm curl
            RUN zypper patch
            RUN zypper si curl
            ONBUILD RUN zypper in x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5, 6])
    }

    @Test func acceptsEverySwitch() {
        let source = """
            FROM opensuse/leap:15
            RUN zypper install -y curl
            RUN zypper -n install curl
            RUN zypper --non-interactive in curl
            RUN zypper in --no-confirm curl
            RUN zypper refresh
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
