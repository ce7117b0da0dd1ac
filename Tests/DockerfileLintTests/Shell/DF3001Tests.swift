import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3001Tests {
    let rule = PointlessContainerCommand()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3001")
        #expect(rule.descriptor.aliases == ["DL3001"])
    }

    @Test func firesOnPointlessCommands() {
        let source = "FROM debian:12\nRUN ssh host\nRUN ps aux && free -m\nRUN service nginx start\nONBUILD RUN vim x\n"
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func doesNotFireOnOtherCommandsOrFullPaths() {
        // hadolint compares the command name exactly: `/usr/bin/ssh` and `ifconfig` are not in its list.
        let source = "FROM debian:12\nRUN /usr/bin/ssh host\nRUN ifconfig\nRUN echo ssh top\nRUN sh -c 'kill 1'\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
