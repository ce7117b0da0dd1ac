import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3067Tests {
    let rule = CopyWholeFilesystem()

    @Test func firesOnRootToRootCopies() {
        let source = "FROM a:1 AS b\nFROM c:1\nCOPY --from=b / /\nCOPY --from=image:1 \"/\" \"/\"\n"
        #expect(lines(of: rule, in: source) == [3, 4])
    }

    @Test func acceptsPartialCopies() {
        let source = "FROM a:1 AS b\nFROM c:1\nCOPY / /\nCOPY --from=b /app /\nCOPY --from=b / /app\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
