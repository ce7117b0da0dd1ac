import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3012Tests {
    let rule = SingleHealthcheck()

    @Test func firesOnRepeatedHealthchecksInAStage() {
        let source = """
            FROM a:1
            HEALTHCHECK CMD ["a"]
            HEALTHCHECK NONE
            HEALTHCHECK CMD ["b"]
            """
        #expect(lines(of: rule, in: source) == [3, 4])
    }

    @Test func eachStageMayHaveOne() {
        let source = "FROM a:1\nHEALTHCHECK CMD [\"a\"]\nFROM b:1\nHEALTHCHECK CMD [\"b\"]\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
