import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF4003Tests {
    let rule = SingleCmd()

    @Test func firesOnRepeatedCmd() {
        let source = "FROM a:1\nCMD [\"a\"]\nCMD b\nCMD [\"c\"]\n"
        #expect(lines(of: rule, in: source) == [3, 4])
    }

    @Test func oneCmdPerStageIsFine() {
        let source = "FROM a:1\nCMD [\"a\"]\nFROM b:1\nCMD [\"b\"]\nONBUILD CMD x\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
