import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3035Tests {
    let rule = ZypperDistUpgrade()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3035")
        #expect(rule.descriptor.aliases == ["DL3035"])
    }

    @Test func firesOnDistUpgrade() {
        let source = "FROM opensuse/leap:15\nRUN zypper dist-upgrade -y\nRUN zypper -n dup\nONBUILD RUN zypper dup\n"
        #expect(lines(of: rule, in: source) == [2, 3, 4])
    }

    @Test func doesNotFireOnOtherCommands() {
        let source = "FROM opensuse/leap:15\nRUN zypper update -y\nRUN zypper -n install dup\nRUN echo dist-upgrade\n"
        // `zypper install dup` names a package called dup: hadolint flags it too, so only line 3 fires.
        #expect(lines(of: rule, in: source) == [3])
    }
}
