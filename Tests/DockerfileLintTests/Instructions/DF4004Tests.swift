import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF4004Tests {
    let rule = SingleEntrypoint()

    @Test func firesOnRepeatedEntrypoint() {
        let source = "FROM a:1\nENTRYPOINT [\"a\"]\nENTRYPOINT b\n"
        #expect(lines(of: rule, in: source) == [3])
    }

    @Test func oneEntrypointPerStageIsFine() {
        let source = "FROM a:1\nENTRYPOINT [\"a\"]\nFROM b:1\nENTRYPOINT [\"b\"]\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
