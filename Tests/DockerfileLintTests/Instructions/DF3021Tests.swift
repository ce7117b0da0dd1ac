import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3021Tests {
    let rule = CopyMultipleSourcesToDirectory()

    @Test func firesWhenDestinationIsNotADirectory() {
        let source = "FROM a:1\nCOPY a b c\nCOPY [\"a\", \"b\", \"c\"]\nCOPY --chown=1 a b /c\n"
        #expect(lines(of: rule, in: source) == [2, 3, 4])
    }

    @Test func acceptsDirectoryDestinationsAndSingleSources() {
        let source = "FROM a:1\nCOPY a b c/\nCOPY a b \"/c/\"\nCOPY a /b\nADD a b c\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
