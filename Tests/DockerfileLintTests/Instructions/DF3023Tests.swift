import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3023Tests {
    let rule = CopyFromOwnStage()

    @Test func firesWhenCopyingFromTheCurrentStage() {
        let source = "FROM a:1 AS build\nCOPY --from=build /x /y\nFROM b:1 AS final\nCOPY --from=final /a /b\n"
        #expect(lines(of: rule, in: source) == [2, 4])
    }

    @Test func acceptsOtherStages() {
        let source = "FROM a:1 AS build\nFROM b:1 AS Final\nCOPY --from=build /x /y\nCOPY --from=final /a /b\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
