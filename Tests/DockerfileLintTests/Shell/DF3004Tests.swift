import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3004Tests {
    let rule = SudoInRun()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3004")
        #expect(rule.descriptor.aliases == ["DL3004"])
    }

    @Test func firesOnSudo() {
        let source = "FROM debian:12\nRUN sudo make install\nONBUILD RUN sudo x\nRUN true && sudo -u app y\n"
        #expect(lines(of: rule, in: source) == [2, 3, 4])
    }

    @Test func doesNotFireWithoutSudoCommand() {
        let source = "FROM debian:12\nRUN echo sudo\nRUN gosu app y\nRUN apt-get install -y sudo=1\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
