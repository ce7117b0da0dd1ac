import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3024Tests {
    let rule = UniqueStageNames()

    @Test func firesOnRepeatedNames() {
        let source = "FROM a:1 AS x\nFROM b:1 AS y\nFROM c:1 AS x\nFROM d:1 AS x\n"
        #expect(lines(of: rule, in: source) == [3, 4])
    }

    @Test func namesDifferingInCaseAreDistinctLikeHadolint() {
        #expect(lines(of: rule, in: "FROM a:1 AS x\nFROM b:1 AS X\nFROM c:1\n").isEmpty)
    }
}
